import { createHash } from 'node:crypto';
import { minimumsOn } from '../../rules/retention-minimums';
import type { DbOrTx } from '../db';
import type { Checkpoint, CheckpointSigner } from './audit.checkpoints';
import type { ChainRow, createAuditRepository, LaneHeadRow } from './audit.repository';

/** The genesis link of every lane. */
export const GENESIS_HASH = '0'.repeat(64);

export interface VerifyResult {
  ok: boolean;
  checked: number;
  clinics: number;
  firstBroken?: { clinicId: string; seq: number; problem: string };
  /** Signed checkpoints found and checked against the chain (the newest of each clinic). */
  checkpoints: { found: number; checked: number; badSignatures: number; unreadable: number };
  /** What verify could not prove, e.g. a clinic without any signed checkpoint yet. */
  warnings: string[];
}

/** What one retention run recorded about the anchors it left (the `retention.audit_archive` event). */
interface ArchiveRecord {
  at: Date;
  before: Date;
  lanes: { lane: number; upToSeq: number; anchorHash: string | null }[];
}

function archiveRecord(row: ChainRow): ArchiveRecord | null {
  const d = row.details as {
    before?: string;
    upToSeq?: number;
    lanes?: { lane: number; upToSeq: number; anchorHash: string }[];
  } | null;
  if (!d?.before) return null;
  // Runs before lanes existed wrote one anchor for the clinic's only chain (lane 0), without its hash.
  const lanes = d.lanes ?? (d.upToSeq ? [{ lane: 0, upToSeq: d.upToSeq, anchorHash: null }] : []);
  return { at: new Date(row.at), before: new Date(d.before), lanes };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The latest day before which access logs of `country` may go, as of `at` (no rule: nothing may go). */
function retentionCutoff(country: 'EE' | 'LV', at: Date): Date | null {
  const rule = minimumsOn(country, at.toISOString().slice(0, 10)).find((m) => m.catalogue === 'access_log');
  if (!rule) return null;
  const cutoff = new Date(at);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - rule.years);
  // A day's slack: the run cuts at midnight on the clinic's clock.
  return new Date(cutoff.getTime() + 36 * 3600_000);
}

/**
 * Walks every lane of every clinic's chain and names the first broken link; then checks every archive
 * anchor against a retention event recorded in the chain, and the chain against the newest signed
 * checkpoint of each clinic.
 */
export async function verifyChain(
  db: DbOrTx,
  repo: ReturnType<typeof createAuditRepository>,
  opts: {
    signer: CheckpointSigner | null;
    checkpoints: Checkpoint[];
    unreadable: number;
    onProgress?: (checked: number) => void;
  },
): Promise<VerifyResult> {
  const heads = await repo.heads(db);
  const known = await repo.clinicIds(db);
  const byClinic = new Map<string, LaneHeadRow[]>();
  for (const h of heads) byClinic.set(h.clinicId, [...(byClinic.get(h.clinicId) ?? []), h]);

  // The newest checkpoint with a good signature, per clinic.
  let badSignatures = 0;
  const newest = new Map<string, Checkpoint>();
  for (const c of opts.checkpoints) {
    if (!opts.signer?.verify(c)) {
      badSignatures += 1;
      continue;
    }
    if (known.has(c.clinicId)) newest.set(c.clinicId, c);
  }
  const warnings: string[] = [];
  if (badSignatures > 0) warnings.push(`${badSignatures} checkpoint(s) with a signature that does not verify`);
  if (opts.unreadable > 0) warnings.push(`${opts.unreadable} unreadable line(s) in the checkpoint files`);

  let checked = 0;
  const result = (firstBroken?: VerifyResult['firstBroken']): VerifyResult => ({
    ok: !firstBroken,
    checked,
    clinics: byClinic.size,
    ...(firstBroken ? { firstBroken } : {}),
    checkpoints: { found: opts.checkpoints.length, checked: newest.size, badSignatures, unreadable: opts.unreadable },
    warnings,
  });
  const clinicIds = [...new Set([...byClinic.keys(), ...newest.keys()])].sort();

  for (const clinicId of clinicIds) {
    const lanes = byClinic.get(clinicId) ?? [];
    const checkpoint = newest.get(clinicId);
    const broken = (seq: number, problem: string) => result({ clinicId, seq, problem });
    const wanted = new Map((checkpoint?.lanes ?? []).map((l) => [`${l.lane}:${l.seq}`, l]));
    const seen = new Map<string, string>();
    const archives: ArchiveRecord[] = [];

    for (const head of lanes) {
      let prev = head.archivedSeq > 0 ? head.archivedHash : GENESIS_HASH;
      let last = head.archivedSeq;
      for (;;) {
        const rows = await repo.lanePage(db, clinicId, head.lane, last, 5000);
        for (const row of rows) {
          const seq = Number(row.seq);
          if (row.prev_hash !== prev)
            return broken(
              seq,
              'prev_hash does not match the hash of the event before it (an event was removed or moved)',
            );
          if (sha256(prev + row.canonical) !== row.hash)
            return broken(seq, 'contents do not match the stored hash (the row was changed)');
          if (wanted.has(`${head.lane}:${seq}`)) seen.set(`${head.lane}:${seq}`, row.hash);
          if (row.action === 'retention.audit_archive') {
            const record = archiveRecord(row);
            if (record) archives.push(record);
          }
          prev = row.hash;
          last = seq;
          checked += 1;
        }
        opts.onProgress?.(checked);
        if (rows.length < 5000) break;
      }
      if (head.seq !== last || head.hash !== prev) {
        return broken(
          last,
          `lane ${head.lane} ends at ${last} but its head says ${head.seq} (events were removed from the end)`,
        );
      }
    }

    // Every anchor must be one that a retention run recorded, within the country's rule.
    for (const head of lanes.filter((h) => h.archivedSeq > 0)) {
      const record = archives.find((a) =>
        a.lanes.some(
          (l) =>
            l.lane === head.lane &&
            l.upToSeq === head.archivedSeq &&
            (l.anchorHash === null || l.anchorHash === head.archivedHash),
        ),
      );
      if (!record)
        return broken(
          head.archivedSeq,
          `lane ${head.lane}: the archive anchor has no recorded retention run (events were removed outside retention)`,
        );
      const cutoff = retentionCutoff(head.country, record.at);
      if (!cutoff || record.before > cutoff)
        return broken(
          head.archivedSeq,
          `lane ${head.lane}: the retention run removed events younger than the country's rule`,
        );
    }

    if (!checkpoint) {
      if (lanes.length > 0) warnings.push(`no signed checkpoint for clinic ${clinicId} yet`);
      continue;
    }
    for (const l of checkpoint.lanes) {
      const head = lanes.find((h) => h.lane === l.lane);
      const key = `${l.lane}:${l.seq}`;
      if (head && l.seq <= head.archivedSeq) {
        // Gone by retention since the checkpoint: only events older than the run's cutoff may go.
        const record = archives.find((a) => a.lanes.some((x) => x.lane === l.lane && x.upToSeq >= l.seq));
        if (l.newestAt && record && new Date(l.newestAt) >= record.before)
          return broken(l.seq, `checkpoint of ${checkpoint.at}: event ${l.seq} was removed before its retention ended`);
        continue;
      }
      if (!seen.has(key))
        return broken(
          l.seq,
          `checkpoint of ${checkpoint.at}: event ${l.seq} of lane ${l.lane} is missing from the chain`,
        );
      if (seen.get(key) !== l.hash)
        return broken(
          l.seq,
          `checkpoint of ${checkpoint.at}: event ${l.seq} was rewritten (its hash differs from the signed one)`,
        );
    }
  }
  return result();
}
