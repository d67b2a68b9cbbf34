// Saved replies: kept in order, checked when saved (an unknown variable is refused by the
// contract's schema), exported and imported as a file, and rendered for a conversation in
// the customer's language. Nothing here is ever sent to Mirakl.
import type { SavedRepliesFile, SavedReply, ServiceApi } from '../../src-shared/contract';
import { renderTemplate } from '../../src-shared/saved-reply-template';
import { customerLanguage, replyContextOf } from '../../src-shared/reply-context';
import type { Store } from '../db/open';
import { findAccount } from '../db/account-admin';
import { listAccounts } from '../db/accounts';
import { iso } from '../db/contract-mapping';
import {
  deleteSavedReply,
  findSavedReply,
  insertSavedReplies,
  insertSavedReply,
  listSavedReplies,
  moveSavedReply,
  updateSavedReply,
  type RankedSavedReply,
  type SavedReplyFields,
} from '../db/saved-replies';
import { ServiceError, notFound } from './errors';
import { conversationDetail } from './inbox-operations';

export interface SavedReplyDeps {
  store: Store;
  /** The technician's signature ({{signature}}). */
  signature(): Promise<string>;
  now(): number;
}

type SavedReplyOperations = Pick<
  ServiceApi,
  | 'listSavedReplies'
  | 'createSavedReply'
  | 'getSavedReply'
  | 'updateSavedReply'
  | 'deleteSavedReply'
  | 'exportSavedReplies'
  | 'importSavedReplies'
  | 'renderSavedReply'
>;

export const SAVED_REPLIES_FORMAT = 'mirakl-cs-saved-replies';

export function savedReplyOperations(deps: SavedReplyDeps): SavedReplyOperations {
  const { store } = deps;

  async function replyOf(id: number): Promise<SavedReply> {
    const row = await findSavedReply(store.db, id);
    if (!row) throw notFound('Saved reply', id);
    return toSavedReply(row);
  }

  async function checkAccount(accountId: number | null | undefined): Promise<void> {
    if (accountId != null && !(await findAccount(store.db, accountId))) {
      throw new ServiceError('invalid_field', `Connection ${accountId} does not exist`, 'accountId');
    }
  }

  return {
    async listSavedReplies() {
      return { items: (await listSavedReplies(store.db)).map(toSavedReply) };
    },

    async createSavedReply(input) {
      await checkAccount(input.accountId);
      const id = await insertSavedReply(store.db, { name: input.name, body: input.body, language: input.language, accountId: input.accountId }, deps.now());
      if (input.position !== undefined) await moveSavedReply(store.db, id, input.position);
      return replyOf(id);
    },

    async getSavedReply(input) {
      return replyOf(input.id);
    },

    async updateSavedReply(input) {
      await checkAccount(input.accountId);
      const fields: Partial<SavedReplyFields> = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        ...(input.accountId !== undefined ? { accountId: input.accountId } : {}),
      };
      if (!(await updateSavedReply(store.db, input.id, fields, deps.now()))) throw notFound('Saved reply', input.id);
      if (input.position !== undefined) await moveSavedReply(store.db, input.id, input.position);
      return replyOf(input.id);
    },

    async deleteSavedReply(input) {
      if (!(await deleteSavedReply(store.db, input.id))) throw notFound('Saved reply', input.id);
      return { ok: true as const };
    },

    async exportSavedReplies() {
      const names = new Map((await listAccounts(store.db)).map((a) => [a.id, a.name]));
      const rows = await listSavedReplies(store.db);
      return {
        format: SAVED_REPLIES_FORMAT,
        version: 1,
        savedReplies: rows.map((r) => ({
          name: r.name,
          body: r.body,
          language: r.language,
          marketplace: r.account_id === null ? null : (names.get(r.account_id) ?? null),
        })),
      } satisfies SavedRepliesFile;
    },

    async importSavedReplies(input) {
      // Marketplaces travel by name: each must be one of this machine's connections, or the whole file is refused.
      const byName = new Map((await listAccounts(store.db)).map((a) => [a.name.trim().toLowerCase(), a.id]));
      const replies: SavedReplyFields[] = input.savedReplies.map((r, index) => {
        let accountId: number | null = null;
        if (r.marketplace !== null) {
          const found = byName.get(r.marketplace.trim().toLowerCase());
          if (found === undefined) {
            throw new ServiceError(
              'invalid_field',
              `"${r.name}" is for the marketplace "${r.marketplace}", which has no connection here: add it first, or set its marketplace to null`,
              `savedReplies.${index}.marketplace`,
            );
          }
          accountId = found;
        }
        return { name: r.name, body: r.body, language: r.language, accountId };
      });
      await insertSavedReplies(store.db, replies, deps.now());
      return { items: (await listSavedReplies(store.db)).map(toSavedReply), imported: replies.length };
    },

    async renderSavedReply(input) {
      const saved = await findSavedReply(store.db, input.savedReplyId);
      if (!saved) throw notFound('Saved reply', input.savedReplyId);
      const detail = await conversationDetail(store, input.id);
      const language = saved.language ?? customerLanguage(detail);
      return renderTemplate(saved.body, replyContextOf(detail, await deps.signature()), language);
    },
  };
}

export function toSavedReply(row: RankedSavedReply): SavedReply {
  return {
    id: row.id,
    name: row.name,
    body: row.body,
    language: row.language,
    accountId: row.account_id,
    position: row.rank,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}
