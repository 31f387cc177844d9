import { z } from 'zod';
import { itemsOf, textBody } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import { purposeRights } from '../register/register.model';
import { consentEventOutput, consentStateOutput, linkWithdrawalOutput } from './consents.output';
import { pickLanguage, withdrawPage } from './consents.page';
import { type ConsentsService, consentInput } from './consents.service';

const tags = ['consents'];
const idParam = z.object({ id: z.uuid({ message: 'not a patient id' }) });

/** Consents on the patient page, and the public one-click withdrawal behind the signed link. */
export function consentsRoutes(consents: ConsentsService) {
  return async (app: App) => {
    // The withdrawal form and mail programs' one-click unsubscribe post a plain form.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    app.get(
      '/api/patients/:id/consents',
      {
        schema: {
          tags,
          summary: 'Current consents and objections of a patient',
          params: idParam,
          response: { 200: itemsOf(consentStateOutput) },
        },
      },
      async (req) => ({ items: await consents.state(accessContext(req), req.params.id) }),
    );

    app.get(
      '/api/patients/:id/consents/history',
      { schema: { tags, params: idParam, response: { 200: itemsOf(consentEventOutput) } } },
      async (req) => ({ items: await consents.history(accessContext(req), req.params.id) }),
    );

    app.post(
      '/api/patients/:id/consents',
      {
        schema: {
          tags,
          summary: 'Record a consent, a withdrawal or an objection',
          params: idParam,
          body: consentInput,
          response: { 201: consentEventOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return consents.record(accessContext(req), req.params.id, req.body);
      },
    );

    const page = textBody('text/html', "The withdrawal page in the register's language");
    const tokenQuery = z.object({ token: z.string().max(300).optional(), lang: z.string().max(5).optional() });
    app.get(
      '/consents/withdraw',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'The page behind a withdrawal link',
          querystring: tokenQuery,
          response: { 200: page },
        },
      },
      async (req, reply) => {
        const info = await consents.describeLink(req.query.token ?? '');
        const objection = !purposeRights(info.purpose).withdraw;
        reply.header('content-type', 'text/html; charset=utf-8');
        return withdrawPage({
          lang: pickLanguage(info.register, req.query.lang),
          register: info.register,
          purposeName: info.purpose.name,
          token: req.query.token!,
          state: info.withdrawn ? 'already' : 'ask',
          objection,
        });
      },
    );

    // One click: the form on the page, or the mail program's List-Unsubscribe-Post.
    app.post(
      '/consents/withdraw',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Withdraw through a signed link',
          querystring: tokenQuery,
          body: z
            .object({ token: z.string().max(300).optional() })
            .passthrough()
            .optional(),
          response: { 200: page },
        },
      },
      async (req, reply) => {
        const token = req.body?.token ?? req.query.token ?? '';
        const result = await consents.withdrawByLink(token, req.id);
        const objection = !purposeRights(result.purpose).withdraw;
        reply.header('content-type', 'text/html; charset=utf-8');
        return withdrawPage({
          lang: pickLanguage(result.register, req.query.lang),
          register: result.register,
          purposeName: result.purpose.name,
          token,
          state: result.recorded ? 'done' : 'already',
          objection,
        });
      },
    );

    app.post(
      '/api/public/consents/withdraw',
      {
        config: { public: true },
        schema: {
          tags,
          body: z.strictObject({ token: z.string().max(300) }),
          response: { 200: linkWithdrawalOutput },
        },
      },
      async (req) => {
        const r = await consents.withdrawByLink(req.body.token, req.id);
        return { purposeKey: r.purposeKey, recorded: r.recorded };
      },
    );
  };
}
