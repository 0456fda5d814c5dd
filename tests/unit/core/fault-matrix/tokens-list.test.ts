/** Fault matrix, token lists: a fault on each provider's list route × every fault kind; the other providers stay loaded. */
import { TOKEN_LIST_ENDPOINTS } from './cells.ts'
import { faultMatrix } from './run-cell.ts'

faultMatrix('every token list under every fault', TOKEN_LIST_ENDPOINTS)
