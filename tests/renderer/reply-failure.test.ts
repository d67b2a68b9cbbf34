// A refused reply reads as a plain sentence with Mirakl's reason, never an HTTP status.
import { expect, test } from 'vitest';
import { describeReplyFailure } from '../../src-renderer/lib/reply-failure';

test("Mirakl's refusal: a plain sentence, then Mirakl's own reason, no status", () => {
  expect(describeReplyFailure('Mirakl answered 400: This thread is closed: start a new thread on the order')).toEqual({
    summary: 'Not sent: Mirakl refused this reply.',
    reason: 'This thread is closed: start a new thread on the order',
    threadClosed: true,
  });
  expect(describeReplyFailure('Mirakl answered 400: The message body is too long')).toEqual({
    summary: 'Not sent: Mirakl refused this reply.',
    reason: 'The message body is too long',
    threadClosed: false,
  });
  expect(describeReplyFailure('Mirakl answered 403 (check the shop id and the key\'s rights)')).toEqual({
    summary: 'Not sent: Mirakl refused this reply.',
    reason: "Check the shop id and the key's rights.",
    threadClosed: false,
  });
  expect(describeReplyFailure('Mirakl answered 404')).toEqual({ summary: 'Not sent: Mirakl refused this reply.', reason: null, threadClosed: false });
});

test('a thread that takes no more replies is recognised', () => {
  expect(describeReplyFailure('Mirakl answered 400: Thread is not accepting any more messages').threadClosed).toBe(true);
  expect(describeReplyFailure('Mirakl answered 409: This conversation can no longer accept replies').threadClosed).toBe(true);
  expect(describeReplyFailure('Mirakl answered 400: You cannot reply to this thread').threadClosed).toBe(true);
});

test('our own reasons and no reason at all', () => {
  expect(describeReplyFailure('Cannot check on Mirakl whether this reply was already posted: Mirakl answered 404: Not found')).toEqual({
    summary: 'Not sent: cannot check on Mirakl whether this reply was already posted.',
    reason: 'Not found',
    threadClosed: false,
  });
  expect(describeReplyFailure('The reply is empty')).toEqual({ summary: 'Not sent.', reason: 'The reply is empty', threadClosed: false });
  expect(describeReplyFailure(null)).toEqual({ summary: 'Not sent.', reason: null, threadClosed: false });
});
