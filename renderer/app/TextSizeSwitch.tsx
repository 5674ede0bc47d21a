// Normal or large text, for the applicant at the screen: one toggle in the header. Every size in
// the styles is in rem, so the root's size scales the whole page. Each new applicant starts at
// normal size (the session changes when the flow is wiped).
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';

export function TextSizeSwitch({ session }: { session: number }) {
  const t = useT();
  const [large, setLarge] = useState(false);
  const [seen, setSeen] = useState(session);
  if (seen !== session) {
    setSeen(session);
    setLarge(false);
  }
  useEffect(() => {
    document.documentElement.dataset.textSize = large ? 'large' : 'normal';
  }, [large]);
  return (
    <button type="button" className="button button--toggle" aria-pressed={large} onClick={() => setLarge((on) => !on)}>
      {t('app.largeText')}
    </button>
  );
}
