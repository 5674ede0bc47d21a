// A native modal <dialog>: the browser traps focus, Escape cancels, and the page behind is inert.
import { useEffect, useRef, type ReactNode } from 'react';

export interface ModalDialogProps {
  readonly open: boolean;
  readonly title: string;
  readonly children: ReactNode;
  readonly onCancel: () => void;
  readonly role?: 'dialog' | 'alertdialog';
  readonly className?: string;
  /** A click anywhere in the dialog (the idle warning's "touch anywhere"). */
  readonly onClick?: () => void;
}

export function ModalDialog({ open, title, children, onCancel, role = 'dialog', className, onClick }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      role={role}
      onClick={onClick}
      aria-labelledby="dialog-title"
      onCancel={(e) => { e.preventDefault(); onCancel(); }}
    >
      {open ? (
        <>
          <h2 id="dialog-title" className="dialog__title">{title}</h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
