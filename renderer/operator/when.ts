// A time from the kiosk's records, as the operator screens show it: the kiosk's local time, or a
// dash for none.
export const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString('id-ID') : '—');
