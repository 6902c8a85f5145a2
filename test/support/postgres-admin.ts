import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, runMigrations } from '../../src/platform/db';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTemplateDatabase(url: string): Promise<string> {
  const name = `huiying_tpl_${randomBytes(4).toString('hex')}`;
  await admin(url, (client) => client.query(`create database ${name}`));
  const handle = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 2 });
  await runMigrations(handle);
  await handle.close();
  return name;
}

/** A fresh database cloned from the migrated template; returns its URL. */
export async function cloneDatabase(url: string, template: string): Promise<{ name: string; url: string }> {
  const name = `huiying_t_${randomBytes(6).toString('hex')}`;
  await admin(url, (client) => client.query(`create database ${name} template ${template}`));
  return { name, url: withDatabase(url, name) };
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await admin(url, (client) => client.query(`drop database if exists ${name} with (force)`));
}
