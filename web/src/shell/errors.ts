import i18next from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/**
 * What went wrong, said in the page's language: a session that ended, a refusal, a missing record,
 * a conflict or a server fault each in the shell's words; a refused field with its label in the
 * page's words (`labelOf`) and the server's reason once, never the field's name twice. Every page
 * shows errors through this, so no raw library message or status text reaches a person.
 * The reason is said by its code (`reasonText`); only a rule's own explanation without a code
 * (e.g. how much of a benefit is left) is the server's words.
 */
/** The reason of a refused field in the page's language when the server gave its code. */
export function reasonText(t: (key: string, o?: Record<string, unknown>) => string, err: ApiError): string {
  if (err.reasonCode && i18next.exists(`reasons:${err.reasonCode}`)) return t(`reasons:${err.reasonCode}`, err.params);
  return err.reason ?? (err.field ? err.message.replace(`${err.field}: `, '') : err.message);
}

export function useErrorText(labelOf?: (field: string) => string | undefined) {
  const { t } = useTranslation();
  return useCallback(
    (err: unknown): string => {
      if (!(err instanceof ApiError)) return t('shell:errors.generic');
      if (err.status === 401) return t('shell:errors.session');
      if (err.status === 403) return t('shell:errors.forbidden');
      if (err.status === 404) return t('shell:errors.notFound');
      if (err.status >= 500) return t('shell:errors.generic');
      const reason = reasonText(t, err);
      if (err.field) return t('shell:errors.field', { label: labelOf?.(err.field) ?? err.field, reason });
      return err.status === 409 && !reason ? t('shell:errors.conflict') : reason;
    },
    [t, labelOf],
  );
}
