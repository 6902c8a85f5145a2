import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { blob } from './blob.table';

/** A file received into a temporary place, hashed and measured, not yet stored. */
export interface StagedFile {
  tempPath: string;
  sha256: string;
  size: number;
  /** The first bytes, for content sniffing. */
  head: Buffer;
  truncated: boolean;
}

/** Bodies of attachments, addressed by sha256; storing the same content twice stores it once. */
export interface BlobStore {
  readonly kind: 'filesystem' | 'database';
  /** Moves a staged file into the store (idempotent per sha256). */
  put(file: StagedFile): Promise<void>;
  open(sha256: string): Promise<Readable | undefined>;
}

const HEAD_BYTES = 4100;

/** Streams an upload to a temp file while hashing it, stopping at maxBytes. */
export async function stageStream(source: Readable, tempDir: string, maxBytes: number): Promise<StagedFile> {
  await fs.mkdir(tempDir, { recursive: true });
  const tempPath = path.join(tempDir, `upload-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let headSize = 0;
  let size = 0;
  let truncated = false;
  const meter = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      if (size + chunk.length > maxBytes) {
        truncated = true;
        return;
      }
      size += chunk.length;
      hash.update(chunk);
      if (headSize < HEAD_BYTES) {
        headChunks.push(chunk);
        headSize += chunk.length;
      }
      yield chunk;
    }
  };
  const sink = createWriteStream(tempPath);
  try {
    await pipeline(source, meter, sink);
  } catch (error) {
    // An upload that fails half-way (over the size limit, cut off, malformed) must not leave its bytes behind.
    // The pipeline can fail before the temp file is even open (a source already destroyed by the multipart
    // parser); the open still happens afterwards, so remove the file only once the stream has closed.
    if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
    await fs.rm(tempPath, { force: true });
    throw error;
  }
  // A multipart parser reports an over-limit file by flagging its stream instead of erroring.
  if ((source as Readable & { truncated?: boolean }).truncated) truncated = true;
  return { tempPath, sha256: hash.digest('hex'), size, head: Buffer.concat(headChunks).subarray(0, HEAD_BYTES), truncated };
}

export async function discardStaged(file: StagedFile): Promise<void> {
  await fs.rm(file.tempPath, { force: true });
}

export class FilesystemBlobStore implements BlobStore {
  readonly kind = 'filesystem';

  constructor(private readonly root: string) {}

  private pathFor(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(file: StagedFile): Promise<void> {
    const target = this.pathFor(file.sha256);
    await fs.mkdir(path.dirname(target), { recursive: true });
    // rename is atomic on one file system: a reader sees the whole file or none.
    await fs.rename(file.tempPath, target);
  }

  async open(sha256: string): Promise<Readable | undefined> {
    const target = this.pathFor(sha256);
    try {
      await fs.access(target);
    } catch {
      return undefined;
    }
    return createReadStream(target);
  }
}

export class DatabaseBlobStore implements BlobStore {
  readonly kind = 'database';

  constructor(private readonly db: Database) {}

  async put(file: StagedFile): Promise<void> {
    try {
      const content = await fs.readFile(file.tempPath);
      await this.db.insert(blob).values({ sha256: file.sha256, size: file.size, content }).onConflictDoNothing();
    } finally {
      await discardStaged(file);
    }
  }

  async open(sha256: string): Promise<Readable | undefined> {
    const rows = await this.db.select({ content: blob.content }).from(blob).where(eq(blob.sha256, sha256)).limit(1);
    const row = rows[0];
    return row ? Readable.from([row.content]) : undefined;
  }
}
