import { ReadModelDatabase, SqlParam } from '../../src/database/sql-runner';
import { insertMany } from '../../src/projections/shared/bulk-sql';

/** What every read-model database promises: the same SQL, with `?` placeholders, the same answers. */
export function describeReadModelDatabaseContract(
  name: string,
  open: () => Promise<{ database: ReadModelDatabase; close: () => Promise<void> }>,
): void {
  describe(`${name} read-model database`, () => {
    let database: ReadModelDatabase;
    let close: () => Promise<void>;

    beforeEach(async () => {
      ({ database, close } = await open());
      await database.transaction(async (tx) => {
        await tx.run('CREATE TABLE tallies (id TEXT PRIMARY KEY, killed INTEGER NOT NULL, note TEXT)');
      });
    });

    afterEach(() => close());

    it('binds ? placeholders in order, and leaves a ? inside a quoted string alone', async () => {
      await database.reader.run('INSERT INTO tallies (id, killed, note) VALUES (?, ?, ?)', ['gourma', 7, 'who?']);

      const row = await database.reader.get<{ id: string; note: string; question: string }>(
        `SELECT id, note, 'is it ''7?''' AS question FROM tallies WHERE killed = ? AND id = ?`,
        [7, 'gourma'],
      );

      expect(row).toEqual({ id: 'gourma', note: 'who?', question: "is it '7?'" });
    });

    it('returns counts, sums and averages as numbers', async () => {
      await database.transaction(async (tx) => {
        await tx.run('INSERT INTO tallies (id, killed) VALUES (?, ?)', ['a', 7]);
        await tx.run('INSERT INTO tallies (id, killed) VALUES (?, ?)', ['b', 4]);
      });

      const row = await database.reader.get<{ n: number; total: number; mean: number }>(
        'SELECT COUNT(*) AS n, SUM(killed) AS total, AVG(killed) AS mean FROM tallies',
      );

      expect(row).toEqual({ n: 2, total: 11, mean: 5.5 });
    });

    it('tells how many rows a statement changed, and answers undefined or [] when nothing matches', async () => {
      await database.reader.run('INSERT INTO tallies (id, killed) VALUES (?, ?), (?, ?)', ['a', 1, 'b', 2]);

      expect(await database.reader.run('UPDATE tallies SET killed = killed + 1')).toBe(2);
      expect(await database.reader.get('SELECT id FROM tallies WHERE id = ?', ['none'])).toBeUndefined();
      expect(await database.reader.all('SELECT id FROM tallies WHERE id = ?', ['none'])).toEqual([]);
      expect(await database.reader.all('SELECT id, killed FROM tallies ORDER BY id')).toEqual([
        { id: 'a', killed: 2 },
        { id: 'b', killed: 3 },
      ]);
    });

    it('reads a snapshot as the database was when it opened, while writes go on and commit', async () => {
      await database.reader.run('INSERT INTO tallies (id, killed) VALUES (?, ?)', ['a', 1]);
      const snapshot = await database.openSnapshot();
      try {
        await database.transaction(async (tx) => {
          await tx.run('UPDATE tallies SET killed = ? WHERE id = ?', [7, 'a']);
          await tx.run('INSERT INTO tallies (id, killed) VALUES (?, ?)', ['b', 2]);
        });
        expect(await snapshot.reader.all('SELECT id, killed FROM tallies ORDER BY id')).toEqual([{ id: 'a', killed: 1 }]);
        expect(await database.reader.all('SELECT id, killed FROM tallies ORDER BY id')).toEqual([{ id: 'a', killed: 7 }, { id: 'b', killed: 2 }]);
      } finally {
        await snapshot.close();
      }
      const next = await database.openSnapshot();
      expect(await next.reader.get('SELECT COUNT(*) AS n FROM tallies')).toEqual({ n: 2 });
      await next.close();
    });

    it('commits all of a transaction', async () => {
      const answer = await database.transaction(async (tx) => {
        await tx.run('INSERT INTO tallies (id, killed) VALUES (?, ?)', ['a', 1]);
        await tx.run('UPDATE tallies SET killed = ? WHERE id = ?', [7, 'a']);
        return tx.get<{ killed: number }>('SELECT killed FROM tallies WHERE id = ?', ['a']);
      });

      expect(answer).toEqual({ killed: 7 });
      expect(await database.reader.all('SELECT id, killed FROM tallies')).toEqual([{ id: 'a', killed: 7 }]);
    });

    it('keeps nothing of a transaction that fails, and passes its error on', async () => {
      await database.reader.run('INSERT INTO tallies (id, killed) VALUES (?, ?)', ['a', 1]);

      await expect(
        database.transaction(async (tx) => {
          await tx.run('UPDATE tallies SET killed = ? WHERE id = ?', [99, 'a']);
          await tx.run('INSERT INTO tallies (id, killed) VALUES (?, ?)', ['b', 2]);
          throw new Error('projection failed');
        }),
      ).rejects.toThrow('projection failed');
      const duplicate = await database
        .transaction(async (tx) => {
          await tx.run('INSERT INTO tallies (id, killed) VALUES (?, ?)', ['c', 3]);
          await tx.run('INSERT INTO tallies (id, killed) VALUES (?, ?)', ['a', 4]);
        })
        .then(() => 'committed', (error: unknown) => error);
      // Not toThrow: the native SQLite driver, loaded once per jest process, makes its errors in
      // the realm of the first test file that loaded it, so they are not `Error`s in this one.
      expect(String(duplicate)).toMatch(/unique/i);

      expect(await database.reader.all('SELECT id, killed FROM tallies')).toEqual([{ id: 'a', killed: 1 }]);
    });

    it('commits every transaction of a bulk load, in the order given, by the time the load ends', async () => {
      await database.duringBulkLoad(async (load) => {
        await load.transaction(async (tx) => {
          await tx.run("INSERT INTO tallies (id, killed, note) VALUES ('a', 0, '')");
          await tx.run("INSERT INTO tallies (id, killed, note) VALUES ('gone', 0, '')");
        });
        for (let i = 1; i <= 30; i++) {
          await load.transaction(async (tx) => {
            await tx.runEach('UPDATE tallies SET note = note || ? WHERE id = ?', [[`${i},`, 'a']]);
            if (i === 2) await tx.run("DELETE FROM tallies WHERE id = 'gone'");
          });
        }
      });

      const expected = Array.from({ length: 30 }, (_, i) => `${i + 1},`).join('');
      expect(await database.reader.all('SELECT id, note FROM tallies')).toEqual([{ id: 'a', note: expected }]);
    });

    it('has committed every transaction of a bulk load when it ends, while another load goes on', async () => {
      let endOther!: () => void;
      const otherMayEnd = new Promise<void>((resolve) => (endOther = resolve));
      const other = database.duringBulkLoad(async (load) => {
        await load.transaction((tx) => tx.run("INSERT INTO tallies (id, killed) VALUES ('other', 1)"));
        await otherMayEnd;
      });
      await database.duringBulkLoad(async (load) => {
        for (let i = 0; i < 20; i++) await load.transaction((tx) => tx.run('INSERT INTO tallies (id, killed) VALUES (?, ?)', [`row-${i}`, i]));
      });

      // Read at once, the other load still under way: a rebuild swaps its tables in at this moment.
      expect(await database.reader.get("SELECT COUNT(*) AS n FROM tallies WHERE id LIKE 'row-%'")).toEqual({ n: 20 });
      endOther();
      await other;
    });

    it('fails a bulk load with the first failure of its transactions, keeping those committed before it', async () => {
      const loading = database.duringBulkLoad(async (load) => {
        await load.transaction((tx) => tx.run("INSERT INTO tallies (id, killed) VALUES ('a', 1)"));
        await load.transaction((tx) => tx.run("INSERT INTO tallies (id, killed) VALUES ('a', 2)"));
        for (let i = 0; i < 5; i++) await load.transaction((tx) => tx.run('INSERT INTO tallies (id, killed) VALUES (?, 3)', [`later-${i}`]));
      });

      // As text: see the note on native driver errors above.
      expect(String(await loading.then(() => 'ended', (error: unknown) => error))).toMatch(/unique/i);
      expect(await database.reader.get("SELECT killed FROM tallies WHERE id = 'a'")).toEqual({ killed: 1 });
      // The database is usable after the failed load.
      await database.transaction((tx) => tx.run("INSERT INTO tallies (id, killed) VALUES ('b', 4)"));
      expect(await database.reader.get("SELECT killed FROM tallies WHERE id = 'b'")).toEqual({ killed: 4 });
    });

    // On PostgreSQL insertMany sends many rows whose keys are new by COPY, whose text format gives
    // tabs, line breaks and backslashes a meaning, and \N: each must come back exactly as it went in.
    const awkwardValues: SqlParam[][] = [
      ['tab\there', -3, 'line\nbreak\r\nand return'],
      ['back\\slash', 0, '\\N is not null, nor is "\\."'],
      ['\\.', 2.5, ''],
      ['unicode — « Ménaka » 🛰', 1e6, null],
      ['\\', 7, '\\t\\n'],
    ];
    /** Enough rows for insertMany to COPY them on PostgreSQL, each key its own. */
    const awkward = (batch: string): SqlParam[][] =>
      Array.from({ length: 40 }, (_, copy) => awkwardValues.map(([id, killed, note]) => [`${String(id)} ${batch}${copy}`, killed, note])).flat();
    const asRows = (rows: SqlParam[][]) => rows.map(([id, killed, note]) => ({ id, killed, note })).sort((a, b) => String(a.id).localeCompare(String(b.id)));

    it('inserts rows with any text in them exactly as given (insertMany), in a transaction, in a bulk load and alone', async () => {
      await database.transaction(async (tx) => {
        await tx.run('CREATE TABLE shares (id TEXT PRIMARY KEY, killed REAL NOT NULL, note TEXT)');
        await insertMany(tx, 'shares', ['id', 'killed', 'note'], awkward('t'));
      });
      await database.duringBulkLoad((load) => load.transaction((tx) => insertMany(tx, 'shares', ['id', 'killed', 'note'], awkward('b'))));
      await insertMany(database.reader, 'shares', ['id', 'killed', 'note'], awkward('r'));

      const rows = await database.reader.all<{ id: string; killed: number; note: string | null }>('SELECT id, killed, note FROM shares');
      expect(rows.map((r) => ({ ...r, killed: Number(r.killed) })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(asRows([...awkward('t'), ...awkward('b'), ...awkward('r')]));
    });

    it('keeps nothing of insertMany rows whose key is taken, in a transaction or a bulk load', async () => {
      await database.reader.run("INSERT INTO tallies (id, killed) VALUES ('taken', 1)");
      const rows: SqlParam[][] = [...Array.from({ length: 150 }, (_, i): SqlParam[] => [`fresh ${i}`, 2, null]), ['taken', 3, null]];
      const inTransaction = await database
        .transaction((tx) => insertMany(tx, 'tallies', ['id', 'killed', 'note'], rows))
        .then(() => 'committed', (error: unknown) => error);
      const inBulkLoad = await database
        .duringBulkLoad((load) => load.transaction((tx) => insertMany(tx, 'tallies', ['id', 'killed', 'note'], rows)))
        .then(() => 'committed', (error: unknown) => error);

      // As text: see the note on native driver errors above.
      expect(String(inTransaction)).toMatch(/unique|duplicate/i);
      expect(String(inBulkLoad)).toMatch(/unique|duplicate/i);
      expect(await database.reader.all('SELECT id, killed FROM tallies')).toEqual([{ id: 'taken', killed: 1 }]);
    });

    it('runs concurrent transactions one after the other in effect: no increment is lost', async () => {
      await database.reader.run('INSERT INTO tallies (id, killed) VALUES (?, ?)', ['a', 0]);

      await Promise.all(
        Array.from({ length: 20 }, () =>
          database.transaction(async (tx) => {
            await tx.run('UPDATE tallies SET killed = killed + 1 WHERE id = ?', ['a']);
          }),
        ),
      );

      expect(await database.reader.get('SELECT killed FROM tallies WHERE id = ?', ['a'])).toEqual({ killed: 20 });
    });
  });
}
