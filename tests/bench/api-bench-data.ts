// The API bench's store: 100,000 conversations and 1,000,000 messages with realistic-ish
// text (so FTS has work to do), one conversation holding a 1,000-message thread. Written
// straight through prepared statements in big transactions; cached under .cache/bench/
// keyed by a version string (generator + schema), so reruns skip the minute it takes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openStore } from '../../src-main/db/open';
import { migrations } from '../../src-main/db/migrations/index';
import { rebuildAllWaits } from '../../src-main/db/waits';
import { RESPONSE_TARGET_PRESETS } from '../../src-shared/response-target';
import { prng } from '../helpers/prng';

export const BENCH_CONVERSATIONS = 100_000;
export const BENCH_MESSAGES = 1_000_000;
export const LONG_THREAD_MESSAGES = 1_000;
/** Bump when the generated data changes. */
const GENERATOR_VERSION = 'api-bench-v3';

export interface BenchData {
  file: string;
  /** The first marketplace (conversations are spread over MARKETPLACES of them). */
  accountId: number;
  /** The instant the data ends at: what "now" is for the data (the cockpit's periods end there). */
  now: number;
  /** The conversation with LONG_THREAD_MESSAGES messages. */
  longThreadId: number;
  /** A word in ~0.05% of messages (a tracking reference): a selective search. */
  rareTerm: string;
  /** A word in ~20% of messages: a search whose matches must be sorted by recency. */
  commonTerm: string;
  conversations: number;
  messages: number;
  /** True when the file came from the cache. */
  cached: boolean;
  buildMs: number;
}

const SUBJECTS = [
  'Where is my parcel?', 'Colis non reçu', 'Damaged item on arrival', 'Demande de remboursement', 'Wrong size delivered',
  'Retour produit', 'Invoice request', 'Facture manquante', 'Order cancelled by mistake', 'Livraison en retard',
  'Missing accessory', 'Article défectueux', 'Change delivery address', 'Question sur la garantie', 'Tracking number not working',
];
const WORDS = (
  'bonjour hello merci thanks commande order colis parcel livraison delivery retard delay remboursement refund retour return ' +
  'produit product taille size couleur colour facture invoice adresse address suivi tracking transporteur carrier semaine week ' +
  'jours days client customer service vendeur seller photo carton emballage packaging cassé broken abîmé damaged échange exchange ' +
  'garantie warranty numéro number reçu received toujours still pas not encore yet demain tomorrow urgent please svp rapidement ' +
  'quickly attendre waiting message réponse answer problème problem solution rembourser refunded expédié shipped entrepôt warehouse ' +
  'relais pickup point boîte mailbox signature sign voisin neighbour colissimo dpd ups gls mondial lundi mardi vendredi'
).split(' ');
const FIRST = ['Marie', 'Jean', 'Sophie', 'Luc', 'Emma', 'Paul', 'Chloé', 'Hugo', 'Léa', 'Noah', 'Anna', 'Tom', 'Inès', 'Louis', 'Zoé'];
const LAST = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent'];
/** Rare on purpose: it lands in ~0.05% of messages. */
const RARE_TERM = 'chronopost';
/** One of WORDS: in about one message in five. */
const COMMON_TERM = 'remboursement';

/**
 * The marketplaces the conversations are spread over, each with its response target: the
 * cockpit computes every one by its own rule (one counts business hours).
 */
const MARKETPLACES = [
  { name: 'Bench shop', baseUrl: 'https://bench.mirakl.net', preset: 'default' },
  { name: 'PcComponentes', baseUrl: 'https://pccomponentes.mirakl.net', preset: 'pccomponentes' },
  { name: 'Best Buy CA', baseUrl: 'https://bestbuy-ca.mirakl.net', preset: 'bestbuy-ca' },
];

function cacheKey(): string {
  const schema = Object.keys(migrations).sort().join(',');
  const hash = crypto.createHash('sha256').update(`${GENERATOR_VERSION}|${schema}|${BENCH_CONVERSATIONS}|${BENCH_MESSAGES}`).digest('hex');
  return `${GENERATOR_VERSION}-${hash.slice(0, 12)}`;
}

export async function benchData(cacheDir: string): Promise<BenchData> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const file = path.join(cacheDir, `${cacheKey()}.db`);
  const meta = `${file}.json`;
  if (fs.existsSync(file) && fs.existsSync(meta)) {
    return { ...(JSON.parse(fs.readFileSync(meta, 'utf8')) as Omit<BenchData, 'cached' | 'file'>), file, cached: true };
  }
  const started = performance.now();
  const temp = `${file}.${process.pid}.building`;
  for (const f of [temp, `${temp}-wal`, `${temp}-shm`]) fs.rmSync(f, { force: true });
  const built = await build(temp);
  const data = { ...built, buildMs: Math.round(performance.now() - started) };
  // Renamed into place only when complete: an interrupted build never poisons the cache.
  fs.renameSync(temp, file);
  fs.writeFileSync(meta, JSON.stringify(data));
  return { ...data, file, cached: false };
}

async function build(file: string): Promise<Omit<BenchData, 'file' | 'cached' | 'buildMs'>> {
  // The schema through the store (its migrations); the rows straight through better-sqlite3.
  await (await openStore(file)).close();
  const openRaw = () => {
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('cache_size = -200000');
    return raw;
  };
  let db = openRaw();
  const transaction = (fn: () => void) => db.transaction(fn).immediate();
  const rand = prng(20_251_124);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const now = Date.UTC(2025, 10, 1);

  // The FTS triggers index row by row; dropping them and rebuilding the index once at
  // the end is much faster and leaves the same schema (the triggers are put back verbatim).
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%'").all() as Array<{ name: string; sql: string }>;
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);

  const insertAccount = db.prepare("INSERT INTO accounts (name, base_url, shop_id, api_key, is_demo, created_at, updated_at) VALUES (?, ?, NULL, 'k', 0, ?, ?)");
  const insertTarget = db.prepare(
    `INSERT INTO response_targets (account_id, target_seconds, warning_seconds, scoring_window_days, business_hours, preset, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const accountIds = MARKETPLACES.map((m) => {
    const id = Number(insertAccount.run(m.name, m.baseUrl, now, now).lastInsertRowid);
    const { target } = RESPONSE_TARGET_PRESETS.find((p) => p.id === m.preset)!;
    const hours = target.businessHours === null ? null : JSON.stringify(target.businessHours);
    insertTarget.run(id, target.targetSeconds, target.warningSeconds, target.scoringWindowDays, hours, target.preset, now);
    return id;
  });
  const accountId = accountIds[0]!;
  const insertCustomer = db.prepare('INSERT INTO customers (account_id, mirakl_customer_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  // Every conversation is about an order, as OR11 would have enriched it (the list joins it for the e-mail).
  const insertOrder = db.prepare(
    `INSERT INTO orders (account_id, mirakl_order_id, state, customer_mirakl_id, customer_name, customer_email, currency, total_price,
       shipping_price, lines_json, mirakl_created_at, fetched_at)
     VALUES (?, ?, 'SHIPPED', ?, NULL, ?, 'EUR', 59.9, 4.9, '[]', ?, ?)`,
  );
  const insertConversation = db.prepare(
    `INSERT INTO conversations (account_id, mirakl_thread_id, customer_id, order_id, subject, topic_type, last_message_at, last_message_preview,
       message_count, unread_count, reply_needed_since, mirakl_updated_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'FREE_TEXT', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (account_id, conversation_id, mirakl_message_id, direction, sender_type, sender_name, body, body_text, sent_at, status, error, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'delivered', NULL, ?)`,
  );

  const customers = 40_000;
  transaction(() => {
    for (let i = 1; i <= customers; i++) {
      insertCustomer.run(accountId, `cust-${i}`, `${pick(FIRST)} ${pick(LAST)}`, now, now);
    }
  });

  // Message counts: 1,000 for the long thread, the rest spread 1..19 so the total is exact.
  const counts: number[] = [];
  let remaining = BENCH_MESSAGES - LONG_THREAD_MESSAGES;
  for (let i = 0; i < BENCH_CONVERSATIONS - 1; i++) {
    const left = BENCH_CONVERSATIONS - 1 - i;
    const n = i === BENCH_CONVERSATIONS - 2 ? remaining : Math.max(1, Math.min(remaining - (left - 1), 1 + Math.floor(rand() * 19)));
    counts.push(n);
    remaining -= n;
  }
  const longIndex = Math.floor(BENCH_CONVERSATIONS / 2);
  counts.splice(longIndex, 0, LONG_THREAD_MESSAGES);

  const sentence = (): string => {
    const words: string[] = [];
    const n = 6 + Math.floor(rand() * 14);
    for (let w = 0; w < n; w++) words.push(pick(WORDS));
    const s = words.join(' ');
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
  };
  const text = (): string => {
    const parts: string[] = [];
    const n = 1 + Math.floor(rand() * 4);
    for (let p = 0; p < n; p++) parts.push(sentence());
    if (rand() < 0.0005) parts.push(`Suivi ${RARE_TERM} n° XK${Math.floor(rand() * 1e8)}.`);
    return parts.join(' ');
  };

  let messageNo = 0;
  let longThreadId = 0;
  const batch = 5_000;
  for (let start = 0; start < counts.length; start += batch) {
    transaction(() => {
      for (let i = start; i < Math.min(start + batch, counts.length); i++) {
        const n = counts[i]!;
        const firstAt = now - (counts.length - i) * 600_000 - Math.floor(rand() * 300_000);
        const customer = 1 + Math.floor(rand() * customers);
        const bodies: Array<{ at: number; inbound: boolean; text: string }> = [];
        for (let m = 0; m < n; m++) bodies.push({ at: firstAt + m * 3_600_000, inbound: m % 2 === 0 || rand() < 0.3, text: text() });
        const last = bodies[n - 1]!;
        const replyNeeded = last.inbound && rand() < 0.5 ? last.at : null;
        const unread = last.inbound && rand() < 0.3 ? 1 : 0;
        const orderId = `R-${100_000 + i}-A`;
        const accountId = accountIds[i % accountIds.length]!;
        insertOrder.run(accountId, orderId, `cust-${customer}`, `${orderId.toLowerCase()}@notifications.example.com`, firstAt, now);
        const conversationId = Number(
          insertConversation.run(
            accountId, `thread-${i + 1}`, customer, orderId, pick(SUBJECTS), last.at, last.text.slice(0, 160),
            n, unread, replyNeeded, last.at, firstAt, now,
          ).lastInsertRowid,
        );
        if (i === longIndex) longThreadId = conversationId;
        for (const b of bodies) {
          messageNo++;
          insertMessage.run(
            accountId, conversationId, `msg-${messageNo}`, b.inbound ? 'inbound' : 'outbound', b.inbound ? 'CUSTOMER_USER' : 'SHOP_USER',
            b.inbound ? 'Customer' : 'Bench shop', b.text, b.text, b.at, now,
          );
        }
      }
    });
  }

  // The waits, as the sync's writer keeps them (db/waits.ts), through the store.
  db.close();
  const store = await openStore(file);
  await store.transaction((trx) => rebuildAllWaits(trx));
  await store.close();
  db = openRaw();
  transaction(() => {
    db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')");
    db.exec(`INSERT INTO conversations_fts (rowid, subject, customer_name, order_id)
      SELECT c.id, c.subject, cu.name, c.order_id FROM conversations c LEFT JOIN customers cu ON cu.id = c.customer_id`);
    db.exec('INSERT INTO order_ids_fts (rowid, order_id) SELECT id, order_id FROM conversations WHERE order_id IS NOT NULL');
    for (const t of triggers) db.exec(t.sql);
  });
  db.exec("INSERT INTO messages_fts (messages_fts) VALUES ('optimize')");
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { accountId, now, longThreadId, rareTerm: RARE_TERM, commonTerm: COMMON_TERM, conversations: counts.length, messages: messageNo };
}
