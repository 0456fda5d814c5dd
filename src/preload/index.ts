/**
 * The only bridge between the sandboxed renderer and main: one frozen object of domain verbs,
 * each bound to a fixed channel of the contract. No generic invoke, no event objects, no Node.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { apiShape } from '../shared/api-shape.ts'
import { buildApi } from '../shared/build-api.ts'

contextBridge.exposeInMainWorld(
  'api',
  buildApi(apiShape, (channel, request) => ipcRenderer.invoke(channel, request)),
)
