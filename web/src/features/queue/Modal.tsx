import { type ReactNode, useEffect, useRef } from 'react';
import './book.css';

/**
 * A dialog over the page: it takes the focus when it opens (the first field or button), gives it
 * back when it closes, Escape closes it, and Tab stays inside it.
 */
export function Modal({
  label,
  testId,
  onClose,
  children,
}: {
  label: string;
  testId?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    const box = ref.current;
    const first =
      box?.querySelector<HTMLElement>('input, select, textarea') ??
      box?.querySelector<HTMLElement>('button:not([data-close])');
    (first ?? box)?.focus();
    return () => before?.focus?.();
  }, []);
  // Escape closes it wherever the focus went (a form that closed leaves it on the page).
  useEffect(() => {
    const onEscape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onEscape);
    return () => window.removeEventListener('keydown', onEscape);
  }, [onClose]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const all = [
      ...ref.current.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex="0"]'),
    ].filter((el) => !el.hasAttribute('disabled'));
    if (all.length === 0) return;
    const first = all[0]!;
    const last = all[all.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  return (
    <div className="modal-backdrop">
      <div
        ref={ref}
        className="card modal"
        role="dialog"
        aria-modal="true"
        aria-label={label}
        data-testid={testId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
}
