// The page the kiosk shows when the watchdog gave up (the page crashed or hung too often in a row):
// a static message for the person at the kiosk, no script, nothing to click, nothing that can crash
// again. It is a data: URL so it needs neither the app:// handler nor any file.
export const CRASH_TITLE = 'Kios sedang tidak dapat digunakan';
export const CRASH_MESSAGE =
  'Tampilan kios berhenti berulang kali sehingga dihentikan untuk sementara. Data pendaftaran yang sudah dikirim tetap aman tersimpan. Mohon hubungi petugas: mulai ulang aplikasi atau perangkat ini.';

export function crashPageHtml(): string {
  return [
    '<!doctype html><html lang="id"><head><meta charset="utf-8">',
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
    `<title>${CRASH_TITLE}</title>`,
    '<style>body{margin:0;height:100vh;display:flex;align-items:center;justify-content:center;font-family:sans-serif;background:#fff;color:#222}',
    'main{max-width:40rem;padding:2rem;text-align:center}h1{font-size:2rem}p{font-size:1.25rem;line-height:1.5}</style>',
    `</head><body><main role="alert"><h1>${CRASH_TITLE}</h1><p>${CRASH_MESSAGE}</p></main></body></html>`,
  ].join('');
}

export function crashPageUrl(): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(crashPageHtml())}`;
}
