/** The product's one CSV writer: quoting, formula neutralisation, numbers, allow-list, BOM, streaming. */
import { describe, expect, it } from 'vitest'
import { csvCell, csvRow, writeCsv } from '../../../../src/core/export/csv.ts'
import type { WriteCsvOptions } from '../../../../src/core/export/csv.ts'
import { parseCsv } from '../../../support/csv-reader.ts'

/** Collects a whole document from `writeCsv` into one string (the tests' sink). */
async function toText(rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>, options: Omit<WriteCsvOptions, 'write'>) {
  let text = ''
  await writeCsv(rows, { ...options, write: (chunk) => void (text += chunk) })
  return text
}

const GUARDED = /^\s*[=+\-@\t\r\0＝＋－＠]/

describe('csvCell', () => {
  it.each([
    ['=1+2', `"'=1+2"`],
    ['+47 912 34 567', `"'+47 912 34 567"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['\0cmd', `"'\0cmd"`],
    ['   =1+2', `"'   =1+2"`],
    [' \t x', `"' \t x"`],
    ['  @x', `"'  @x"`],
    ['＝1+2', `"'＝1+2"`],
    ['＋1', `"'＋1"`],
    ['－1', `"'－1"`],
    ['＠x', `"'＠x"`],
    [' ＝x', `"' ＝x"`],
    ['a=b', '"a=b"'],
    ['Kari', '"Kari"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['a;b', '"a;b"'],
    ['a,b', '"a,b"'],
    ['line 1\nline 2', '"line 1\nline 2"'],
    ['line 1\r\nline 2', '"line 1\r\nline 2"'],
    ['', '""'],
    [null, ''],
    [undefined, ''],
    [true, 'true'],
    [false, 'false'],
    [['a@example.no', '=x'], '"a@example.no, =x"'],
    [['=x', 'y'], `"'=x, y"`],
    [{ a: 1 }, '"{""a"":1}"'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
    expect(csvCell(value, { delimiter: ',' })).toBe(expected)
  })

  it.each([[-12.5, '-12.5'], [-2, '-2'], [295.5, '295.5'], [0, '0'], [1e21, '1e+21'], [10n, '10']])('number %s stays a number: %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })
})

describe('csvRow', () => {
  it('joins with the delimiter (";" by default) and ends with CRLF', () => {
    expect(csvRow(['a;b', -12.5, null, '=x'])).toBe(`"a;b";-12.5;;"'=x"\r\n`)
    expect(csvRow(['a,b', -12.5, null, '=x'], { delimiter: ',' })).toBe(`"a,b",-12.5,,"'=x"\r\n`)
  })
})

describe('writeCsv', () => {
  const columns = [
    { key: 'name', header: 'Name' },
    { key: 'amount', header: 'Amount' },
  ] as const

  it('writes a BOM, the headers and only the allow-listed columns, in column order', async () => {
    const rows: Record<string, unknown>[] = [{ amount: -12.5, name: 'Kari', token: 'secret-token', toString: 'x' }, { name: '=cmd' }]
    const text = await toText(rows, { columns })
    expect(text).toBe(`\uFEFF"Name";"Amount"\r\n"Kari";-12.5\r\n"'=cmd";\r\n`)
    expect(text).not.toContain('secret-token')
  })

  it('reads own properties only (nothing inherited from Object.prototype)', async () => {
    const text = await toText([{}], { columns: [{ key: 'constructor', header: 'c' }], bom: false })
    expect(text).toBe('"c"\r\n\r\n')
  })

  it('leaves out the BOM and uses "," when asked', async () => {
    const text = await toText([{ name: 'a,b', amount: 1 }], { columns, bom: false, delimiter: ',' })
    expect(text).toBe('"Name","Amount"\r\n"a,b",1\r\n')
  })

  it('writes the header (and reports 0 rows) for no rows', async () => {
    const progress: number[] = []
    const text = await toText([], { columns, bom: false, onProgress: (n) => progress.push(n) })
    expect(text).toBe('"Name";"Amount"\r\n')
    expect(progress).toEqual([0])
  })

  it.each([';', ','] as const)('round-trips 2,000 rows of nasty values through a strict reader (delimiter %s)', async (delimiter) => {
    const nasty = ['plain', 'say "hi"', 'a;b,c', 'two\r\nlines', 'one\nline', 'cr\ronly', '=HYPERLINK("http://x")', '  -3', '+47', '@x',
      '\tx', '\rx', '＝1', ' ＠a', 'æøå ÆØÅ äö', '', '"', '""', ';', ',', 'a=b', '😀 emoji']
    const numbers = [-12.5, 0, 42, 295.5, -0.01]
    const rows = Array.from({ length: 2000 }, (_, i) => ({ id: i, text: nasty[i % nasty.length], amount: numbers[i % numbers.length], note: nasty[(i * 7) % nasty.length] }))
    const cols = [{ key: 'id', header: 'id' }, { key: 'text', header: '=text' }, { key: 'amount', header: 'amount' }, { key: 'note', header: 'note' }]
    const text = await toText(rows, { columns: cols, delimiter })
    expect(text.startsWith('\uFEFF')).toBe(true)
    const parsed = parseCsv(text.slice(1), delimiter)
    const guard = (s: string) => (GUARDED.test(s) ? `'${s}` : s)
    expect(parsed[0]).toEqual(['id', "'=text", 'amount', 'note'])
    expect(parsed).toHaveLength(2001)
    rows.forEach((row, i) => {
      expect(parsed[i + 1]).toEqual([String(row.id), guard(row.text ?? ''), String(row.amount), guard(row.note ?? '')])
    })
  })

  it('streams 100,000 rows from an async generator in many chunks, reporting progress', async () => {
    async function* generate() {
      for (let i = 0; i < 100_000; i += 1) yield { name: `customer ${i}`, amount: i / 100 }
    }
    let chunks = 0
    let largest = 0
    let lines = 0
    const progress: number[] = []
    const written = await writeCsv(generate(), {
      columns,
      write: async (chunk) => {
        chunks += 1
        largest = Math.max(largest, chunk.length)
        lines += chunk.split('\r\n').length - 1
        await Promise.resolve()
      },
      onProgress: (n) => progress.push(n),
    })
    expect(written).toBe(100_000)
    expect(lines).toBe(100_001)
    expect(chunks).toBe(100)
    expect(largest).toBeLessThan(50_000)
    expect(progress).toHaveLength(100)
    expect(progress[0]).toBe(1000)
    expect(progress.at(-1)).toBe(100_000)
  })
})
