// The page the kiosk shows when the watchdog gave up (the page crashed or hung too often in a row):
// a static message for the person at the kiosk, no script, nothing to click, nothing that can crash
// again. It is a data: URL so it needs neither the app:// handler nor any file. A kiosk shows it for
// a few seconds, then exits for its supervisor to start it again (renderer-watchdog.ts
// exitAfterGiveUpMs); a --windowed developer window keeps it.
export const CRASH_TITLE = 'Kios sedang tidak dapat digunakan';
export const CRASH_MESSAGE =
  'Tampilan kios berhenti berulang kali. Data pendaftaran yang sudah dikirim tetap aman tersimpan.';
/** The kiosk restarts itself (kiosk mode). */
export const CRASH_RESTARTING = 'Kios akan dimulai ulang secara otomatis dalam beberapa saat. Jika pesan ini terus muncul, mohon hubungi petugas.';
/** Nothing restarts it (--windowed). */
export const CRASH_STOPPED = 'Mohon hubungi petugas: mulai ulang aplikasi atau perangkat ini.';

export function crashPageHtml(restarting: boolean): string {
  return [
    '<!doctype html><html lang="id"><head><meta charset="utf-8">',
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    `<title>${CRASH_TITLE}</title>`,
    '<style>body{margin:0;height:100vh;display:flex;align-items:center;justify-content:center;font-family:sans-serif;background:#fff;color:#222}',
    'main{max-width:40rem;padding:2rem;text-align:center}h1{font-size:2rem}p{font-size:1.25rem;line-height:1.5}</style>',
    `</head><body><main role="alert"><h1>${CRASH_TITLE}</h1><p>${CRASH_MESSAGE}</p><p>${restarting ? CRASH_RESTARTING : CRASH_STOPPED}</p></main></body></html>`,
  ].join('');
}

export function crashPageUrl(restarting: boolean): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(crashPageHtml(restarting))}`;
}
