/** The CLI's formatters: CSV (RFC 4180 + formula neutralisation) and the aligned table. */
import { describe, expect, it } from 'vitest'
import { toCsv } from '../../../src/cli/format/csv.ts'
import { toTable } from '../../../src/cli/format/table.ts'
import { parseCsv } from './support.ts'

/** The one cell of a one-column, one-row document (between the header's CRLF and the final CRLF). */
const csvCell = (value: unknown): string => toCsv(['v'], [{ v: value }]).slice('"v"\r\n'.length, -'\r\n'.length)

describe('toCsv', () => {
  it.each([
    ['=1+2', `"'=1+2"`],
    ['+47 912 34 567', `"'+47 912 34 567"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['   =1+2', `"'   =1+2"`],
    [' \t x', `"' \t x"`],
    ['a=b', '"a=b"'],
    ['Kari', '"Kari"'],
    ['say "hi"', '"say ""hi"""'],
    ['a;b', '"a;b"'],
    ['a,b', '"a,b"'],
    ['line 1\r\nline 2', '"line 1\r\nline 2"'],
    ['', '""'],
    [null, ''],
    [undefined, ''],
    [-2, '-2'],
    [295.5, '295.5'],
    [true, 'true'],
    [['a@example.no', '=x'], '"a@example.no, =x"'],
    [['=x', 'y'], `"'=x, y"`],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected)
  })

  it('writes a header of the given names and CRLF after every row', () => {
    expect(toCsv(['a', 'b'], [{ a: 'x', b: 1 }, { a: null }])).toBe('"a","b"\r\n"x",1\r\n,\r\n')
    expect(toCsv(['a'], [])).toBe('"a"\r\n')
  })

  it('round-trips through an RFC 4180 reader, neutralised cells with their apostrophe', () => {
    const values = ['plain', 'say "hi"', 'a;b,c', 'two\r\nlines', 'one\nline', '=HYPERLINK("x")', '  -3', 'æøå ÆØÅ äö', '']
    const rows = values.map((v) => ({ v }))
    const parsed = parseCsv(toCsv(['v'], rows))
    expect(parsed).toEqual([['v'], ...values.map((v) => [/^\s*[=+\-@\t\r]/.test(v) ? `'${v}` : v])])
  })
})

describe('toTable', () => {
  it('aligns columns under their headers and leaves no trailing spaces', () => {
    const text = toTable(['id', 'name', 'note'], [
      { id: '1', name: 'Kari Nordmann', note: null },
      { id: '100002', name: 'Ola', note: 'x' },
    ])
    expect(text).toBe(['id      name           note', '1       Kari Nordmann', '100002  Ola            x', ''].join('\n'))
  })

  it('shows control characters (newlines, escape sequences) as spaces', () => {
    const text = toTable(['v'], [{ v: 'a\nb\u001b[31mred' }])
    expect(text).toBe('v\na b [31mred\n')
  })

  it('joins arrays', () => {
    expect(toTable(['emails'], [{ emails: ['a@x.no', 'b@x.no'] }])).toBe('emails\na@x.no, b@x.no\n')
  })
})
