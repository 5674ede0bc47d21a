// Key combinations that would take an applicant out of the kiosk page: reload, developer tools,
// zoom, closing or quitting, full screen, history navigation, the print dialog. The shell drops
// them in 'before-input-event' outside --windowed. Matching is on `key` (the character produced),
// not `code`, so AltGr characters (Ctrl+Alt+Q is '@' on a German layout) stay typeable. Every
// Ctrl+Alt combination belongs to the page: Ctrl+Alt+O opens the operator screen
// (renderer/operator/use-operator-entry.ts). Copy, paste, undo and select-all stay usable in forms.

/** The fields of Electron's `Input` this decision needs (its structural subset). */
export interface KeyInput {
  readonly key: string;
  readonly code: string;
  readonly control: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
}

/** Keys that leave the page whatever modifiers are held (F5 reload, F11 full screen, F12 devtools, media keys). */
const ALWAYS = new Set(['F5', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserStop', 'BrowserSearch', 'BrowserFavorites', 'ZoomIn', 'ZoomOut', 'ZoomToggle', 'Close']);
/** With Ctrl (Cmd on macOS): reload, close the window, quit, print dialog. */
const WITH_COMMAND = new Set(['r', 'w', 'q', 'p']);
/** With Ctrl+Shift: developer tools (inspector, console, element picker). Ctrl+C alone is copy. */
const WITH_COMMAND_SHIFT = new Set(['i', 'j', 'c']);
/** Zoom in, out and reset, from the main row and the numeric keypad. */
const ZOOM_KEYS = new Set(['+', '=', '-', '_', '0']);
const ZOOM_CODES = new Set(['NumpadAdd', 'NumpadSubtract', 'Numpad0']);

export function isBlockedShortcut(input: KeyInput): boolean {
  if (ALWAYS.has(input.key)) return true;
  // Alt+F4 / Ctrl+F4 close the window; Alt+Left / Alt+Right walk the page history.
  if (input.key === 'F4' && (input.alt || input.control)) return true;
  if (input.alt && !input.control && !input.meta && (input.key === 'ArrowLeft' || input.key === 'ArrowRight')) return true;
  const command = input.control || input.meta;
  if (!command || input.alt) return false;
  const key = input.key.toLowerCase();
  if (WITH_COMMAND.has(key)) return true;
  if (input.shift && WITH_COMMAND_SHIFT.has(key)) return true;
  return ZOOM_KEYS.has(input.key) || ZOOM_CODES.has(input.code);
}
