/** Fault matrix, reads: customer search and lookup, products, invoices × every fault kind (cells.ts). */
import { READ_ENDPOINTS } from './cells.ts'
import { faultMatrix } from './run-cell.ts'

faultMatrix('every read under every fault', READ_ENDPOINTS)
