import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/**
 * What went wrong, said in the page's language: a session that ended, a refusal, a missing record,
 * a conflict or a server fault each in the shell's words; a refused field with its label in the
 * page's words (`labelOf`) and the server's reason once, never the field's name twice. Every page
 * shows errors through this, so no raw library message or status text reaches a person.
 * (The reasons themselves are still the server's English: stable reason codes are issue 14.)
 */
export function useErrorText(labelOf?: (field: string) => string | undefined) {
  const { t } = useTranslation();
  return useCallback(
    (err: unknown): string => {
      if (!(err instanceof ApiError)) return t('shell:errors.generic');
      if (err.status === 401) return t('shell:errors.session');
      if (err.status === 403) return t('shell:errors.forbidden');
      if (err.status === 404) return t('shell:errors.notFound');
      if (err.status >= 500) return t('shell:errors.generic');
      const reason = err.reason ?? (err.field ? err.message.replace(`${err.field}: `, '') : err.message);
      if (err.field) return t('shell:errors.field', { label: labelOf?.(err.field) ?? err.field, reason });
      return err.status === 409 && !reason ? t('shell:errors.conflict') : reason;
    },
    [t, labelOf],
  );
}
