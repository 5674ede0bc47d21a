// A screen whose code could not be loaded or that failed while drawing says so in words, instead
// of leaving the applicant in front of an empty page. Its chunk is a local file, so this means a
// broken installation: the operator is asked for, and reloading starts the kiosk afresh (which also
// wipes whatever the applicant had entered — it is not on the screen any more either way).
import { Component, createRef, type ReactNode } from 'react';
import { translate, type Locale } from '../i18n/i18n';

interface Props { readonly locale: Locale; readonly children: ReactNode }

export class ScreenBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };
  private readonly action = createRef<HTMLButtonElement>();

  override componentDidUpdate(): void {
    // Where the focus was is gone with the screen: it goes to the one thing left to do.
    if (this.state.failed) this.action.current?.focus();
  }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const t = (key: 'app.screenFailed' | 'app.reload') => translate(this.props.locale, key);
    return (
      <section className="step" role="alert">
        <p>{t('app.screenFailed')}</p>
        <div className="actions">
          <button ref={this.action} type="button" className="button button--primary" onClick={() => window.location.reload()}>{t('app.reload')}</button>
        </div>
      </section>
    );
  }
}
