/**
 * `npm run bench`: every benchmark in one run, a table on stdout and bench-results.json (not
 * committed). Each key is a ratio or time measured side by side in this run, with its goal.
 */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { benchCache } from './cache.ts'
import { benchCoreOverhead } from './core-overhead.ts'
import { benchCsv } from './csv.ts'
import { benchFanout } from './fanout.ts'
import { benchRateLimit } from './rate-limit.ts'
import { benchTable } from './table.ts'

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

const core = await benchCoreOverhead()
details['coreOverhead'] = core
rows.push({ key: 'coreOverheadRatio', value: core.coreOverheadRatio, goal: '<= 1.25', met: core.coreOverheadRatio <= 1.25 })

const csv = await benchCsv()
details['csv'] = csv
rows.push({ key: 'csvRatio', value: csv.csvRatio, goal: '<= 1.5', met: csv.csvRatio <= 1.5 })

const table = await benchTable()
details['table'] = table
if ('skipped' in table) console.warn(`table10kFirstRenderMs skipped: ${table.skipped}`)
else rows.push({ key: 'table10kFirstRenderMs', value: table.table10kFirstRenderMs, goal: '<= 150', met: table.table10kFirstRenderMs <= 150 })

const rate = await benchRateLimit()
details['rateLimit'] = rate
rows.push({ key: 'rateLimit429s', value: rate.rateLimit429s, goal: '0', met: rate.rateLimit429s === 0 })
rows.push({ key: 'rateLimitUtilization', value: rate.rateLimitUtilization, goal: '>= 0.9', met: rate.rateLimitUtilization >= 0.9 })

const results = Object.fromEntries(rows.map((row) => [row.key, row.value]))
const file = resolve(import.meta.dirname, '../bench-results.json')
writeFileSync(file, `${JSON.stringify({ ...results, details, measuredAt: new Date().toISOString() }, null, 2)}\n`)

console.log('benchmark'.padEnd(24), 'value'.padStart(10), '  goal'.padEnd(10), 'met')
for (const row of rows) console.log(row.key.padEnd(24), String(row.value).padStart(10), `  ${row.goal}`.padEnd(10), row.met ? 'yes' : 'NO')
console.log('details:', JSON.stringify(details))
console.log(`written: ${file}`)
