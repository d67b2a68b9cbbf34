// Reads a chain of pages (each page says how to read the next, like M11's next_page_token)
// ahead of the code consuming them: as soon as a page arrives its successor is asked for,
// until `depth` pages wait unconsumed. Reading and consuming overlap instead of taking
// turns, and memory stays bounded by `depth` pages.

export class ReadAhead<P> {
  private readonly buffered: Array<Promise<P>> = [];
  /** The last page that arrived: the next read starts from it. */
  private lastArrived: P | null = null;
  private reading = false;
  private ended = false;

  /**
   * @param read reads the page after `previous` (the first page when null)
   * @param hasNext whether a page has a successor
   */
  constructor(
    private readonly read: (previous: P | null) => Promise<P>,
    private readonly hasNext: (page: P) => boolean,
    private readonly depth: number,
  ) {
    if (depth < 1) throw new RangeError('depth must be at least 1');
  }

  /** The next page in order; rejects with the error of the read that failed. Call again only after it settles. */
  next(): Promise<P> {
    if (this.buffered.length === 0) {
      if (this.ended) return Promise.reject(new Error('ReadAhead: no page after the last one'));
      this.readNext();
    }
    const page = this.buffered.shift()!;
    this.readNext();
    return page;
  }

  /**
   * Asks for the page after the last one that arrived, if it has a successor and there is
   * room. Called from the arrival handler itself, so the read starts before the consumer
   * resumes with the page that just arrived (its continuation runs after this handler).
   */
  private readNext(): void {
    if (this.reading || this.ended || this.buffered.length >= this.depth) return;
    this.reading = true;
    let page: Promise<P>;
    try {
      page = this.read(this.lastArrived);
    } catch (error) {
      page = Promise.reject(error as Error);
    }
    // Awaited by whoever takes it; a page read ahead and never taken (the pass stopped) must not be an unhandled rejection.
    page.catch(() => undefined);
    this.buffered.push(page);
    page.then(
      (p) => {
        this.reading = false;
        this.lastArrived = p;
        if (!this.hasNext(p)) this.ended = true;
        else this.readNext();
      },
      () => {
        this.reading = false;
        this.ended = true; // the consumer gets the error when it reaches this page
      },
    );
  }
}
