// Exposes window.kiosk: one function per contract channel (kiosk.queue.submit(input) …), each
// answering with the contract envelope. No raw ipcRenderer, no process, nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, type ApiShape } from '../shared/contract';

const kiosk: ApiShape<'envelope'> = buildApi<'envelope'>((channel, input) => ipcRenderer.invoke(channel, input));

contextBridge.exposeInMainWorld('kiosk', kiosk);
