/**
 * `npm run bench`: every benchmark in one run, a table on stdout and bench-results.json (not
 * committed). Each key is a ratio or time measured side by side in this run, with its goal.
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { benchCache } from './cache.ts'
import { benchFanout } from './fanout.ts'

interface Row {
  key: string
  value: number
  goal: string
  met: boolean
}

const rows: Row[] = []
const details: Record<string, unknown> = {}

const cache = await benchCache()
details['cache'] = cache
rows.push({ key: 'cacheWriteScaling', value: cache.cacheWriteScaling, goal: '<= 1.5', met: cache.cacheWriteScaling <= 1.5 })
rows.push({ key: 'cacheLookupP95Ms', value: cache.cacheLookupP95Ms, goal: '<= 2', met: cache.cacheLookupP95Ms <= 2 })

const fanout = await benchFanout()
details['fanout'] = fanout
rows.push({ key: 'fanoutRatio', value: fanout.fanoutRatio, goal: '<= 1.10', met: fanout.fanoutRatio <= 1.1 })

const results = Object.fromEntries(rows.map((row) => [row.key, row.value]))
const file = resolve(import.meta.dirname, '../bench-results.json')
writeFileSync(file, `${JSON.stringify({ ...results, details, measuredAt: new Date().toISOString() }, null, 2)}\n`)

console.log('benchmark'.padEnd(24), 'value'.padStart(10), '  goal'.padEnd(10), 'met')
for (const row of rows) console.log(row.key.padEnd(24), String(row.value).padStart(10), `  ${row.goal}`.padEnd(10), row.met ? 'yes' : 'NO')
console.log('details:', JSON.stringify(details))
console.log(`written: ${file}`)
