package kafka

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/fountain-go/fountain/frames"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow/go/v17/arrow/array"
	"github.com/fountain-go/fountain/sources/alert"
	"github.com/fountain-go/fountain/sources/testbed"
	kafkago "github.com/segmentio/kafka-go"
)

func testbedWith(t *testing.T, n int64) *testbed.Testbed {
	t.Helper()
	tb, err := testbed.Start(testbed.Config{Addr: "127.0.0.1:0", Speed: 1e9, MaxAlerts: n, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tb.Close() })
	for deadline := time.Now().Add(20 * time.Second); tb.Produced() < n; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("produced only %d of %d", tb.Produced(), n)
		}
	}
	return tb
}

// readAll reads batches until want rows arrived; it returns the candids.
func readAll(t *testing.T, s *Source, want int) map[int64]int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	seen := map[int64]int{}
	rows := 0
	for rows < want {
		rec, err := s.Next(ctx)
		if err != nil {
			t.Fatalf("after %d rows: %v", rows, err)
		}
		idx := rec.Schema().FieldIndices("candid")[0]
		c := rec.Column(idx).(*array.Int64)
		for i := 0; i < c.Len(); i++ {
			seen[c.Value(i)]++
		}
		rows += int(rec.NumRows())
		rec.Release()
	}
	return seen
}

func TestGroupReadsEverythingOnceAndResumes(t *testing.T) {
	const n = 5000
	tb := testbedWith(t, n)
	cfg := Config{Brokers: []string{tb.Addr()}, Topic: "alerts", GroupID: "g1", BatchRows: 700}
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	first := readAll(t, s, 2000)
	if err := s.Close(); err != nil { // commits what was returned
		t.Fatal(err)
	}
	s, err = Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rest := readAll(t, s, n-len(first))
	for c := range rest {
		if first[c] > 0 {
			t.Fatalf("candid %d read again after resuming the group", c)
		}
		first[c] += rest[c]
	}
	if len(first) != n {
		t.Fatalf("read %d distinct alerts, want %d", len(first), n)
	}
	for c, k := range first {
		if k != 1 {
			t.Fatalf("candid %d read %d times", c, k)
		}
	}
}

func TestMetadataColumnsAndFrom(t *testing.T) {
	tb := testbedWith(t, 500)
	s, err := Open(context.Background(), Config{Brokers: []string{tb.Addr()}, Topic: "alerts", Partitions: []int{1}, From: "offset:5", Flatten: ".", BatchRows: 20})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rec, err := s.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	if rec.NumRows() == 0 {
		t.Fatal("no rows")
	}
	part := rec.Column(rec.Schema().FieldIndices(ColPartition)[0]).(*array.Int32)
	off := rec.Column(rec.Schema().FieldIndices(ColOffset)[0]).(*array.Int64)
	key := rec.Column(rec.Schema().FieldIndices(ColKey)[0]).(*array.Binary)
	obj := rec.Column(rec.Schema().FieldIndices("objectId")[0]).(*array.String)
	if part.Value(0) != 1 || off.Value(0) != 5 {
		t.Fatalf("first row partition %d offset %d, want 1 and 5", part.Value(0), off.Value(0))
	}
	if string(key.Value(0)) != obj.Value(0) {
		t.Fatal("key must be the objectId")
	}
	if len(rec.Schema().FieldIndices("candidate.magpsf")) != 1 {
		t.Fatal("Flatten: no candidate.magpsf column")
	}
	if !rec.Schema().Equal(s.Schema()) {
		t.Fatalf("batches do not have the source's Schema:\n%s\nwant\n%s", rec.Schema(), s.Schema())
	}
	// Project (flattened names): the candidate decoded, the history not.
	if err := s.Project([]string{"candidate.jd", ColPartition}); err != nil {
		t.Fatal(err)
	}
	rec2, err := s.Next(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer rec2.Release()
	jd := rec2.Column(rec2.Schema().FieldIndices("candidate.jd")[0])
	prv := rec2.Column(rec2.Schema().FieldIndices("prv_candidates")[0])
	if rec2.NumRows() == 0 || jd.NullN() != 0 || prv.NullN() != int(rec2.NumRows()) {
		t.Fatalf("projected batch: %d rows, %d null jd, %d null prv_candidates", rec2.NumRows(), jd.NullN(), prv.NullN())
	}
	if !rec2.Schema().Equal(s.Schema()) {
		t.Fatal("Project changed the schema")
	}
}

func TestCorruptMessagesGoToDeadLetters(t *testing.T) {
	tb := testbedWith(t, 300)
	w := &kafkago.Writer{Addr: kafkago.TCP(tb.Addr()), Topic: "alerts", Balancer: &kafkago.RoundRobin{}}
	good, _ := alert.EncodeZTF(&alert.ZTF{ObjectID: "ZTF23zzzzzzz", Candid: 1<<62 + 1, SchemaVsn: "4.02"})
	msgs := []kafkago.Message{
		{Value: []byte("not avro")},
		{Value: good[:len(good)/2]}, // truncated
		{Value: good},
		{Value: nil},
	}
	if err := w.WriteMessages(context.Background(), msgs...); err != nil {
		t.Fatal(err)
	}
	w.Close()
	s, err := Open(context.Background(), Config{Brokers: []string{tb.Addr()}, Topic: "alerts", BatchRows: 1000})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	seen := readAll(t, s, 301)
	if len(seen) != 301 || seen[1<<62+1] != 1 {
		t.Fatalf("read %d good alerts, want the 300 produced and the one written", len(seen))
	}
	// Give the other partitions' bad messages time to arrive.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		if _, bad := s.Counts(); bad == 3 {
			break
		}
		rec, _ := s.Next(context.Background())
		if rec != nil {
			rec.Release()
		}
	}
	dead := s.DeadLetters()
	if len(dead) != 3 {
		t.Fatalf("%d dead letters, want 3: %+v", len(dead), dead)
	}
	for _, d := range dead {
		if d.Err == nil || d.Offset < 0 {
			t.Fatalf("dead letter without error or offset: %+v", d)
		}
	}
}

func TestUnreachableBroker(t *testing.T) {
	start := time.Now()
	_, err := Open(context.Background(), Config{Brokers: []string{"127.0.0.1:1"}, Topic: "alerts"})
	if err == nil || time.Since(start) > 6*time.Second {
		t.Fatalf("err %v after %v; want a clear error within seconds", err, time.Since(start))
	}
}

func TestBrokerRestartLosesNothing(t *testing.T) {
	dir := t.TempDir()
	const n = 3000
	tb, err := testbed.Start(testbed.Config{Addr: "127.0.0.1:0", Speed: 1e9, MaxAlerts: n, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); tb.Produced() < n; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("producer too slow")
		}
	}
	addr := tb.Addr()
	s, err := Open(context.Background(), Config{Brokers: []string{addr}, Topic: "alerts", GroupID: "restart", BatchRows: 500})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	seen := readAll(t, s, 1000)
	// The broker goes away mid-stream and comes back on the same address.
	tb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	if rec, err := s.Next(ctx); err == nil && rec != nil {
		c := rec.Column(rec.Schema().FieldIndices("candid")[0]).(*array.Int64)
		for i := 0; i < c.Len(); i++ {
			seen[c.Value(i)]++ // fetched before the broker went away
		}
		rec.Release()
	}
	cancel()
	tb, err = testbed.Start(testbed.Config{Addr: addr, DataDir: dir, NoProducer: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	// Everything produced arrives, and only once: the group goes back to
	// its committed offsets, which lag what the source returned (commits
	// are asynchronous, and the last ones failed while the broker was
	// away); the source passes over what it returned already.
	ctx, cancel = context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dups := 0
	for len(seen) < n {
		rec, err := s.Next(ctx)
		if err != nil {
			t.Fatalf("after %d distinct alerts: %v", len(seen), err)
		}
		c := rec.Column(rec.Schema().FieldIndices("candid")[0]).(*array.Int64)
		for i := 0; i < c.Len(); i++ {
			if seen[c.Value(i)] > 0 {
				dups++
			}
			seen[c.Value(i)]++
		}
		rec.Release()
	}
	if dups != 0 {
		t.Fatalf("%d alerts came twice across the restart", dups)
	}
}

func TestConfluentFramingWithRegistry(t *testing.T) {
	tb, err := testbed.Start(testbed.Config{Addr: "127.0.0.1:0", NoProducer: true, Partitions: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	z, _ := alert.EncodeZTF(&alert.ZTF{ObjectID: "ZTF23aaaaaaa", Candid: 11, SchemaVsn: "4.02"})
	l, _ := alert.EncodeLSST(&alert.LSST{DiaSourceID: 22})
	msgs := []kafkago.Message{
		{Value: alert.Frame(7, z)},
		{Value: alert.Frame(7, z)},
		{Value: alert.Frame(99, z)}, // unknown schema id
		{Value: z},                  // not framed
		{Value: alert.Frame(9, l)},  // another schema: a new batch
		{Value: alert.Frame(7, z)},
	}
	w := &kafkago.Writer{Addr: kafkago.TCP(tb.Addr()), Topic: "alerts", AllowAutoTopicCreation: true}
	if err := w.WriteMessages(context.Background(), msgs...); err != nil {
		t.Fatal(err)
	}
	w.Close()
	s, err := Open(context.Background(), Config{Brokers: []string{tb.Addr()}, Topic: "alerts",
		Registry: alert.Schemas{7: alert.ZTFSchema(), 9: alert.LSSTSchema()}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var shapes []string
	rows := 0
	for deadline := time.Now().Add(10 * time.Second); rows < 4 && time.Now().Before(deadline); {
		rec, err := s.Next(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if rec.NumRows() > 0 {
			shapes = append(shapes, fmt.Sprintf("%s:%d", rec.Schema().Field(0).Name, rec.NumRows()))
		}
		rows += int(rec.NumRows())
		rec.Release()
	}
	want := "[schemavsn:2 diaSourceId:1 schemavsn:1]"
	if fmt.Sprint(shapes) != want {
		t.Fatalf("batches %v, want %s", shapes, want)
	}
	if _, bad := s.Counts(); bad != 2 {
		t.Fatalf("%d dead letters, want 2 (unknown id, unframed); first: %v", bad, s.DeadLetters()[0].Err)
	}
}

// A source reading partitions says how far it got; another one resumed
// from that position goes on with the next message of every partition.
func TestPositionAndResume(t *testing.T) {
	tb := testbedWith(t, 600)
	cfg := Config{Brokers: []string{tb.Addr()}, Topic: "alerts", BatchRows: 250, BatchTimeout: 2 * time.Second}
	first, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	read := func(s *Source) int {
		rec, err := s.Next(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer rec.Release()
		ids := rec.Column(rec.Schema().FieldIndices("candid")[0]).(*array.Int64)
		for i := range ids.Len() {
			if seen[ids.Value(i)] {
				t.Fatalf("candid %d read twice", ids.Value(i))
			}
			seen[ids.Value(i)] = true
		}
		return ids.Len()
	}
	n := read(first)
	for deadline := time.Now().Add(5 * time.Second); first.Lag() <= 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("lag %d with %d of 600 read", first.Lag(), n)
		}
	}
	pos, err := first.Position()
	if err != nil {
		t.Fatal(err)
	}
	first.Close()

	second, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if err := second.Resume(pos); err != nil {
		t.Fatal(err)
	}
	for n < 600 {
		got := read(second)
		if got == 0 {
			t.Fatalf("resumed source stalled at %d of 600 (position %s)", n, pos)
		}
		n += got
	}
	if len(seen) != 600 {
		t.Fatalf("%d distinct alerts of 600", len(seen))
	}
	if lag := second.Lag(); lag != 0 {
		t.Fatalf("lag %d after reading everything", lag)
	}
	group, err := Open(context.Background(), Config{Brokers: []string{tb.Addr()}, Topic: "alerts", GroupID: "g"})
	if err != nil {
		t.Fatal(err)
	}
	defer group.Close()
	if err := group.Resume(pos); err == nil {
		t.Fatal("a consumer group resumed from a position")
	}
}

// A checkpointing stream over a consumer group: a first run stops after some
// alerts, a second goes on with the group; together they count each alert
// once. A run of another group (whose offsets are behind the checkpoint, as
// after a crash between saving it and committing) skips what was counted.
func TestCheckpointWithConsumerGroup(t *testing.T) {
	tb := testbedWith(t, 600)
	path := filepath.Join(t.TempDir(), "q.ckpt")
	open := func(group string) *Source {
		s, err := Open(context.Background(), Config{Brokers: []string{tb.Addr()}, Topic: "alerts", GroupID: group,
			ManualCommit: true, BatchRows: 100, BatchTimeout: 200 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	count := func(src *Source, limit int64, d time.Duration) int64 {
		s := frames.StreamFrom(src).Agg(frames.Count()).Checkpoint(path, 0)
		if limit > 0 {
			s = s.Limit(limit)
		} else {
			s = s.Until(d)
		}
		f := s.Collect()
		n, err := f.Value(0, "count")
		if err != nil {
			t.Fatal(err)
		}
		return n.(int64)
	}
	src := open("g")
	first := count(src, 250, 0)
	src.Close() // leave the group, as a stopped kernel does
	if first < 250 || first >= 600 {
		t.Fatalf("first run counted %d", first)
	}
	snap, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if total := count(open("g"), 0, 3*time.Second); total != 600 {
		t.Fatalf("after resuming with the group: %d alerts counted, want 600", total)
	}
	// The crash case: the checkpoint after the first run, offsets at zero.
	if err := os.WriteFile(path, snap, 0o644); err != nil {
		t.Fatal(err)
	}
	if total := count(open("fresh"), 0, 3*time.Second); total != 600 {
		t.Fatalf("resuming a group behind the checkpoint: %d alerts counted, want 600", total)
	}
}

// Large batches are decoded in two halves at once, the second returned by
// the next call: rows come in offset order per partition, none twice or
// missing, and Position never covers a half not yet returned.
func TestBatchesDecodedInHalves(t *testing.T) {
	const n = 6000
	tb := testbedWith(t, n)
	s, err := Open(context.Background(), Config{Brokers: []string{tb.Addr()}, Topic: "alerts", BatchRows: 4096})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	next := map[int]int64{} // per partition: the offset after the last row returned
	rows, stashed := 0, 0
	for rows < n {
		rec, err := s.Next(ctx)
		if err != nil {
			t.Fatalf("after %d rows: %v", rows, err)
		}
		if s.stash != nil {
			stashed++
		}
		part := rec.Column(rec.Schema().FieldIndices(ColPartition)[0]).(*array.Int32)
		off := rec.Column(rec.Schema().FieldIndices(ColOffset)[0]).(*array.Int64)
		for i := 0; i < int(rec.NumRows()); i++ {
			p := int(part.Value(i))
			if off.Value(i) != next[p] {
				t.Fatalf("partition %d: offset %d after %d", p, off.Value(i), next[p]-1)
			}
			next[p] = off.Value(i) + 1
		}
		rows += int(rec.NumRows())
		rec.Release()
		pos, err := s.Position()
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := json.Marshal(next); string(pos) != string(want) {
			t.Fatalf("after %d rows: position %s, want %s (what was returned)", rows, pos, want)
		}
	}
	if rows != n || stashed == 0 {
		t.Fatalf("%d rows, %d batches decoded in halves", rows, stashed)
	}
}

// A broker that comes back empty (its topic made anew): a consumer group
// reads the new messages, though their offsets are below what it read
// before.
func TestBrokerComingBackEmpty(t *testing.T) {
	tb := testbedWith(t, 800)
	addr := tb.Addr()
	s, err := Open(context.Background(), Config{Brokers: []string{addr}, Topic: "alerts", GroupID: "anew", BatchRows: 300})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	readAll(t, s, 800)
	tb.Close()
	// A new sky: other alerts, at offsets the source has read past.
	tb, err = testbed.Start(testbed.Config{Addr: addr, Speed: 1e9, MaxAlerts: 100, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	// readAll fails if the new messages are passed over as read before.
	after := readAll(t, s, 100)
	if len(after) != 100 {
		t.Fatalf("%d alerts after the broker came back, want the 100 new ones", len(after))
	}
}

// A batch's reach per partition is after its highest offset, also when a
// message that failed early (an unknown schema id) is noted before the
// batch's others.
func TestMarksKeepTheHighestOffset(t *testing.T) {
	k := newMarks()
	k.note(kafkago.Message{Partition: 0, Offset: 10})
	for o := int64(5); o < 10; o++ {
		k.note(kafkago.Message{Partition: 0, Offset: o})
	}
	k.note(kafkago.Message{Partition: 2, Offset: 3})
	k.note(kafkago.Message{Partition: 0, Offset: 7})
	k.flush()
	if k.next[0] != 11 || k.next[2] != 4 || len(k.next) != 2 {
		t.Fatalf("reach %v, want partition 0 at 11 and 2 at 4", k.next)
	}
}
