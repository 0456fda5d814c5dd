/** Fault matrix, writes: archive, archive all, rename, remove, old-API delete, Pay invoice × every fault kind; each sent once. */
import { WRITE_ENDPOINTS } from './cells.ts'
import { faultMatrix } from './run-cell.ts'

faultMatrix('every write under every fault', WRITE_ENDPOINTS)
