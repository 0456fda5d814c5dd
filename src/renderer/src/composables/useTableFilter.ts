/**
 * The generic table's text filter: rows whose shown columns contain the text (case-insensitive, in
 * the agent's locale). Each row's searchable text is built once per set of columns and kept in a
 * WeakMap keyed by the (plain) row, so typing over 10,000 rows does not rebuild it per keystroke.
 */
import { computed, ref } from 'vue'
import { agentLocale } from '../lib/format.ts'
import { filterNeedle, rowHaystack } from '../lib/table.ts'
import type { TableColumn } from '../lib/table.ts'

export function useTableFilter<Row extends object>(rows: () => readonly Row[], columns: () => readonly TableColumn<Row>[]) {
  const text = ref('')
  const locale = agentLocale()
  // A new cache whenever the shown columns change.
  const haystacks = computed(() => ({ columns: columns(), texts: new WeakMap<Row, string>() }))

  const filtered = computed<readonly Row[]>(() => {
    const needle = filterNeedle(text.value, locale)
    const list = rows()
    if (needle.length === 0) return list
    const { columns: shown, texts } = haystacks.value
    return list.filter((row) => {
      let haystack = texts.get(row)
      if (haystack === undefined) {
        haystack = rowHaystack(row, shown, locale)
        texts.set(row, haystack)
      }
      return haystack.includes(needle)
    })
  })

  return { text, filtered }
}
