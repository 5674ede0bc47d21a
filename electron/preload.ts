// Exposes window.kiosk: one function per contract channel (kiosk.queue.submit(input) …), each
// answering with the contract envelope. No raw ipcRenderer, no process, nothing else. It imports
// only the channel names, so the sandboxed preload stays tiny.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, type Channel } from '../shared/channels';

type RawApi = { [C in Channel]: (input: unknown) => Promise<unknown> };

contextBridge.exposeInMainWorld('kiosk', buildApi<RawApi>((channel, input) => ipcRenderer.invoke(channel, input)));
