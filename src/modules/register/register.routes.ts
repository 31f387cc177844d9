import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../platform/errors';
import { binaryBody, itemsOf, textBody } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import { noticeFormats, renderNotice } from '../notices/notice.format';
import { renderHtmlFragment } from '../notices/notice.render';
import { noticeLanguages } from './register.model';
import {
  categoryTablesOutput,
  currentRegisterOutput,
  diffOutput,
  noticeHtmlOutput,
  publicNoticeOutput,
  publishedOutput,
  registerSavedOutput,
  versionListOutput,
  versionOutput,
} from './register.output';
import type { RegisterService } from './register.service';

const tags = ['register'];
const languageNames = { et: 'Eesti keeles', lv: 'Latviski', en: 'In English', ru: 'По-русски' } as const;
const langQuery = z.object({ lang: z.enum(noticeLanguages).optional() });
const versionParam = z.object({ n: z.coerce.number().int().positive() });

/** The DPO's register API, and each clinic's public privacy page. */
export function registerRoutes(register: RegisterService, presetsDir: string) {
  return async (app: App) => {
    // The shipped templates, so a new clinic starts from a realistic register.
    app.get('/api/register/presets', { schema: { tags, response: { 200: itemsOf(z.string()) } } }, async () => ({
      items: readdirSync(presetsDir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => f.replace(/\.yaml$/, ''))
        .sort(),
    }));
    app.get(
      '/api/register/presets/:name',
      {
        schema: {
          tags,
          params: z.object({ name: z.string().regex(/^[a-z0-9-]+$/) }),
          response: { 200: textBody('application/yaml', 'The preset register in YAML') },
        },
      },
      async (req, reply) => {
        const file = join(presetsDir, `${req.params.name}.yaml`);
        if (!existsSync(file)) throw new NotFoundError(`no preset ${req.params.name}`);
        reply.header('content-type', 'application/yaml; charset=utf-8');
        return readFileSync(file, 'utf8');
      },
    );

    app.get(
      '/api/register',
      { schema: { tags, summary: 'The processing register in force', response: { 200: currentRegisterOutput } } },
      async (req) => (await register.current(accessContext(req))) ?? { document: null, revision: 0, updatedAt: null },
    );

    app.put(
      '/api/register',
      {
        schema: {
          tags,
          summary: 'Replace the register (validated like an import)',
          body: z.object({ document: z.unknown() }),
          response: { 200: registerSavedOutput },
        },
      },
      async (req) => register.save(accessContext(req), req.body.document),
    );

    app.post(
      '/api/register/import',
      {
        schema: {
          tags,
          summary: 'Import a register from YAML or JSON text',
          body: z.strictObject({ text: z.string().min(1).max(1_000_000), file: z.string().max(200).optional() }),
          response: { 200: registerSavedOutput },
        },
      },
      async (req) => register.importText(accessContext(req), req.body.text, req.body.file),
    );

    app.get(
      '/api/register/export',
      {
        schema: {
          tags,
          querystring: z.object({ format: z.enum(['yaml', 'json']).default('yaml') }),
          response: {
            200: {
              description: 'The register as text, in YAML or JSON',
              content: { 'application/yaml': { schema: z.string() }, 'application/json': { schema: z.string() } },
            },
          },
        },
      },
      async (req, reply) => {
        reply.header(
          'content-type',
          req.query.format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8',
        );
        return register.exportText(accessContext(req), req.query.format);
      },
    );

    app.get(
      '/api/register/preview',
      {
        schema: {
          tags,
          summary: 'The notice of the unpublished register',
          querystring: langQuery,
          response: { 200: noticeHtmlOutput },
        },
      },
      async (req) => {
        const doc = await register.preview(accessContext(req), req.query.lang);
        return { lang: doc.lang, title: doc.title, html: renderHtmlFragment(doc) };
      },
    );

    app.get(
      '/api/register/categories',
      { schema: { tags, summary: 'Which tables hold each data category', response: { 200: categoryTablesOutput } } },
      async (req) => register.categoryTables(accessContext(req)),
    );

    app.post(
      '/api/register/publish',
      {
        schema: {
          tags,
          summary: 'Publish the register as the next notice version',
          body: z.strictObject({ summary: z.string().trim().max(500).optional(), announce: z.boolean().optional() }),
          response: { 201: publishedOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return register.publish(accessContext(req), req.body);
      },
    );

    app.get('/api/register/versions', { schema: { tags, response: { 200: versionListOutput } } }, async (req) => ({
      items: await register.versions(accessContext(req)),
    }));

    app.get(
      '/api/register/versions/:n',
      { schema: { tags, params: versionParam, querystring: langQuery, response: { 200: versionOutput } } },
      async (req) => {
        const v = await register.version(accessContext(req), req.params.n);
        const doc = v.notices[req.query.lang ?? v.document.languages[0]!];
        return {
          version: v.version,
          publishedAt: v.publishedAt,
          summary: v.summary,
          lang: doc.lang,
          html: renderHtmlFragment(doc),
          document: v.document,
        };
      },
    );

    app.get(
      '/api/register/diff',
      {
        schema: {
          tags,
          querystring: z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive() }),
          response: { 200: diffOutput },
        },
      },
      async (req) => register.diff(accessContext(req), req.query.from, req.query.to),
    );

    // Public: no login. The page is the published notice; ?format=pdf|md for the other renderings.
    const publicQuery = langQuery.extend({ format: z.enum(noticeFormats).default('html') });
    const servePage =
      (format?: 'pdf') =>
      async (
        req: { params: { slug: string }; query: z.infer<typeof publicQuery> },
        reply: { header(k: string, v: string): unknown },
      ) => {
        const found = await register.publicNotice(req.params.slug, req.query.lang);
        const base = `/clinics/${req.params.slug}/privacy`;
        const out = await renderNotice(found.notice, format ?? req.query.format, {
          languages: noticeLanguages.map((l) => ({ lang: l, label: languageNames[l], href: `${base}?lang=${l}` })),
          pdf: `${base}.pdf?lang=${found.notice.lang}`,
        });
        reply.header('content-type', out.contentType);
        reply.header('content-language', found.notice.lang);
        if (out.contentType === 'application/pdf')
          reply.header('content-disposition', `inline; filename="privacy-${req.params.slug}-${found.notice.lang}.pdf"`);
        return out.body;
      };
    const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]+$/) });
    const noticePage = {
      description: 'The privacy notice as an HTML page, Markdown or PDF',
      content: {
        'text/html': { schema: z.string() },
        'text/markdown': { schema: z.string() },
        'application/pdf': binaryBody('application/pdf', '').content['application/pdf'],
      },
    };
    app.get(
      '/clinics/:slug/privacy',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Public privacy notice (HTML, or ?format=pdf|md)',
          params: slugParam,
          querystring: publicQuery,
          response: { 200: noticePage },
        },
      },
      servePage(),
    );
    app.get(
      '/clinics/:slug/privacy.pdf',
      {
        config: { public: true },
        schema: {
          tags,
          params: slugParam,
          querystring: publicQuery,
          response: { 200: binaryBody('application/pdf', 'The privacy notice as PDF') },
        },
      },
      // Always rendered as PDF, whatever `format` says.
      async (req, reply) => (await servePage('pdf')(req, reply)) as Buffer,
    );
    app.get(
      '/api/public/clinics/:slug/privacy',
      {
        config: { public: true },
        schema: { tags, params: slugParam, querystring: langQuery, response: { 200: publicNoticeOutput } },
      },
      async (req) => {
        const found = await register.publicNotice(req.params.slug, req.query.lang);
        if (!found.notice) throw new ValidationError('lang', 'no notice in this language');
        return {
          clinic: found.clinic.name,
          version: found.version,
          lang: found.notice.lang,
          title: found.notice.title,
          html: renderHtmlFragment(found.notice),
        };
      },
    );
  };
}
