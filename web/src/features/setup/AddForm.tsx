import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shell/api';

/** One small form that posts to the API and reports the field the server named. */
export function AddForm({
  onSubmit,
  children,
  label,
}: {
  onSubmit: () => Promise<void>;
  children: ReactNode;
  label: string;
}) {
  const { t } = useTranslation('setup');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await onSubmit();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('shell:errors.generic'));
    }
  };
  return (
    <form onSubmit={submit} aria-label={label} className="row" style={{ alignItems: 'flex-end', marginTop: '.6rem' }}>
      {children}
      <button className="primary" type="submit">
        {t('add')}
      </button>
      {error && (
        <p className="error" role="alert" style={{ flexBasis: '100%' }}>
          {error}
        </p>
      )}
    </form>
  );
}
