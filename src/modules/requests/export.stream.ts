import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Clock } from '../../platform/clock';
import type { FieldCipher } from '../../platform/crypto';
import type { DbOrTx } from '../../platform/db';
import { NotFoundError } from '../../platform/errors';
import { CSV_HEAD, csvRows, readableRows } from './export.document';
import { bundleEntry, bundleHead, fhirResources } from './export.fhir';
import type { RequestsRepository } from './requests.repository';

/** Rows read (and decrypted) at a time: what the export holds in memory besides one write buffer. */
export const EXPORT_BATCH = 200;

export interface StreamedExport {
  contentType: string;
  filename: string;
  bytes: number;
  /** The file, read once: it is deleted when the stream closes. */
  body: Readable;
}

/**
 * The FHIR or CSV copy written batch by batch into a private temporary file while the transaction
 * that reads it (and records the export) is open; the file is then sent from disk. Memory stays
 * flat however long the person's history: one batch of rows and the write buffer. The transaction
 * ends before the slow part (the download), so a client on a poor line holds no connection.
 */
export async function writeExport(
  tx: DbOrTx,
  deps: { clock: Clock; cipher: FieldCipher; repo: Pick<RequestsRepository, 'personRowBatches'> },
  clinic: { id: string; name: string },
  patientId: string,
  format: 'fhir' | 'csv',
  batch = EXPORT_BATCH,
): Promise<StreamedExport> {
  const dir = await mkdtemp(join(tmpdir(), 'hoidja-export-'));
  const path = join(dir, 'export');
  const out = createWriteStream(path, { mode: 0o600 });
  let bytes = 0;
  const write = (chunk: string) =>
    new Promise<void>((resolve, reject) => {
      bytes += Buffer.byteLength(chunk);
      if (out.write(chunk)) resolve();
      else {
        out.once('drain', resolve);
        out.once('error', reject);
      }
    });
  try {
    const now = deps.clock.now();
    let entries = 0;
    let person = false;
    const counts: Record<string, number> = {};
    await write(format === 'fhir' ? bundleHead(now) : CSV_HEAD);
    for await (const part of deps.repo.personRowBatches(tx, clinic.id, patientId, batch)) {
      if (part.table === 'patients') person = true;
      const rows = readableRows({ [part.table]: part.rows }, (s) => deps.cipher.decrypt(s))[part.table]!;
      if (format === 'fhir') {
        let chunk = '';
        for (const r of fhirResources(part.table, rows, patientId, clinic.name))
          chunk += `${entries++ === 0 ? '' : ','}${bundleEntry(r)}`;
        if (chunk) await write(chunk);
      } else {
        let chunk = '';
        for (const line of csvRows(part.table, rows, counts[part.table] ?? 0)) chunk += line;
        counts[part.table] = (counts[part.table] ?? 0) + rows.length;
        await write(chunk);
      }
    }
    if (!person) throw new NotFoundError('no such patient');
    if (format === 'fhir') await write(']}');
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (e) {
    out.destroy();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  const body = createReadStream(path);
  body.once('close', () => void rm(dir, { recursive: true, force: true }));
  const base = `hoidja-${deps.clock.now().toISOString().slice(0, 10)}-${patientId.slice(0, 8)}`;
  return format === 'fhir'
    ? { contentType: 'application/fhir+json', filename: `${base}.fhir.json`, bytes, body }
    : { contentType: 'text/csv; charset=utf-8', filename: `${base}.csv`, bytes, body };
}
