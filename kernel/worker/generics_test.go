package worker

import (
	"reflect"
	"testing"
)

// TestGenericsAsTutorialsWriteThem runs generic code as the Go tutorial,
// Go by Example and the common blog posts write it, each in a session of
// its own: constraints, generic types with methods, constructors, linked
// lists, iterators, maps as sets, channels, options, caches, higher-order
// funcs. The last element of each case is the value of its last cell.
// Before this session's fixes (cell.multiInstance, rangeOverChans,
// iterator ranges and written types in generic bodies, typeIDs) several of
// these failed at run time, some silently wrong.
func TestGenericsAsTutorialsWriteThem(t *testing.T) {
	runCases(t, [][]string{
		{"tut1", "func SumIntsOrFloats[K comparable, V int64 | float64](m map[K]V) V { var s V; for _, v := range m { s += v }; return s }",
			"ints := map[string]int64{\"first\": 34, \"second\": 12}\nfloats := map[string]float64{\"first\": 35.98, \"second\": 26.99}\nfmt.Sprint(SumIntsOrFloats[string, int64](ints), SumIntsOrFloats(floats))", "46 62.97"},
		{"tut2", "type Number interface { int64 | float64 }\nfunc SumNumbers[K comparable, V Number](m map[K]V) V { var s V; for _, v := range m { s += v }; return s }",
			"SumNumbers(map[string]int64{\"a\": 1, \"b\": 2})", "3"},
		{"gbe1", "func SlicesIndex[S ~[]E, E comparable](s S, v E) int { for i := range s { if v == s[i] { return i } }; return -1 }",
			"var s = []string{\"foo\", \"bar\", \"zoo\"}\nSlicesIndex(s, \"zoo\")", "2"},
		{"gbe2", "type List[T any] struct { head, tail *element[T] }\ntype element[T any] struct { next *element[T]; val T }\nfunc (lst *List[T]) Push(v T) { if lst.tail == nil { lst.head = &element[T]{val: v}; lst.tail = lst.head } else { lst.tail.next = &element[T]{val: v}; lst.tail = lst.tail.next } }\nfunc (lst *List[T]) AllElements() []T { var elems []T; for e := lst.head; e != nil; e = e.next { elems = append(elems, e.val) }; return elems }",
			"lst := List[int]{}\nlst.Push(10)\nlst.Push(13)\nlst.Push(23)\nlst.AllElements()", "[10 13 23]"},
		{"gbe3", "type List[T any] struct { head, tail *element[T] }\ntype element[T any] struct { next *element[T]; val T }\nfunc (lst *List[T]) Push(v T) { if lst.tail == nil { lst.head = &element[T]{val: v}; lst.tail = lst.head } else { lst.tail.next = &element[T]{val: v}; lst.tail = lst.tail.next } }\nfunc (lst *List[T]) All() iter.Seq[T] { return func(yield func(T) bool) { for e := lst.head; e != nil; e = e.next { if !yield(e.val) { return } } } }",
			"lst := List[int]{}\nlst.Push(10)\nlst.Push(13)\nvar out []int\nfor e := range lst.All() { out = append(out, e) }\nfmt.Sprint(out, slices.Collect(lst.All()))", "[10 13] [10 13]"},
		{"stack", "type Stack[T any] struct { items []T }\nfunc (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }\nfunc (s *Stack[T]) Pop() (T, bool) { var zero T; if len(s.items) == 0 { return zero, false }; v := s.items[len(s.items)-1]; s.items = s.items[:len(s.items)-1]; return v, true }",
			"var st Stack[string]\nst.Push(\"a\")\nst.Push(\"b\")\nv, ok := st.Pop()\nfmt.Sprint(v, ok, len(st.items))", "btrue 1"},
		{"stringer", "type Celsius float64\nfunc (c Celsius) String() string { return fmt.Sprintf(\"%.1f°C\", float64(c)) }\nfunc Join[T fmt.Stringer](xs []T, sep string) string { var parts []string; for _, x := range xs { parts = append(parts, x.String()) }; return strings.Join(parts, sep) }",
			"Join([]Celsius{1, 2.5}, \", \")", "1.0°C, 2.5°C"},
		{"maxof", "type Box[T cmp.Ordered] struct { items []T }\nfunc (b Box[T]) Max() T { m := b.items[0]; for _, x := range b.items[1:] { if x > m { m = x } }; return m }",
			"Box[float64]{[]float64{1, 3.5, 2}}.Max()", "3.5"},
		{"tilde", "type MyInt int\nfunc Double[T ~int | ~float64](x T) T { return x * 2 }", "fmt.Sprint(Double(MyInt(4)))", "8"},
		{"set", "type Set[T comparable] map[T]struct{}\nfunc (s Set[T]) Add(v T) { s[v] = struct{}{} }\nfunc (s Set[T]) Has(v T) bool { _, ok := s[v]; return ok }\nfunc (s Set[T]) Len() int { return len(s) }",
			"s := Set[string]{}\ns.Add(\"a\")\ns.Add(\"b\")\ns.Add(\"a\")\nfmt.Sprint(s.Len(), s.Has(\"a\"), s.Has(\"z\"))", "2 true false"},
		{"setrange", "type Set[T comparable] map[T]struct{}\nfunc (s Set[T]) Items() []T { var out []T; for k := range s { out = append(out, k) }; return out }",
			"s := Set[int]{3: {}}\ns.Items()", "[3]"},
		{"setnew", "type Set[T comparable] map[T]struct{}\nfunc NewSet[T comparable](xs ...T) Set[T] { s := Set[T]{}; for _, x := range xs { s[x] = struct{}{} }; return s }",
			"len(NewSet(1, 2, 2, 3))", "3"},
		{"merge", "func Merge[T any](cs ...<-chan T) <-chan T { out := make(chan T); var wg sync.WaitGroup; for _, c := range cs { wg.Add(1); go func() { defer wg.Done(); for v := range c { out <- v } }() }; go func() { wg.Wait(); close(out) }(); return out }",
			"a, b := make(chan int), make(chan int)\ngo func() { a <- 1; close(a) }()\ngo func() { b <- 2; close(b) }()\nsum := 0\nfor v := range Merge(a, b) { sum += v }\nsum", "3"},
		{"zip", "type Pair[A, B any] struct { First A; Second B }\nfunc Zip[A, B any](as []A, bs []B) []Pair[A, B] { var out []Pair[A, B]; for i := range min(len(as), len(bs)) { out = append(out, Pair[A, B]{as[i], bs[i]}) }; return out }",
			"fmt.Sprint(Zip([]int{1, 2}, []string{\"a\", \"b\", \"c\"}))", "[{1 a} {2 b}]"},
		{"keys", "func Keys[M ~map[K]V, K comparable, V any](m M) []K { r := make([]K, 0, len(m)); for k := range m { r = append(r, k) }; return r }",
			"ks := Keys(map[string]int{\"a\": 1})\nks", "[a]"},
		{"option", "type Option[T any] struct { v T; ok bool }\nfunc Some[T any](v T) Option[T] { return Option[T]{v, true} }\nfunc None[T any]() Option[T] { return Option[T]{} }\nfunc (o Option[T]) Get() (T, bool) { return o.v, o.ok }\nfunc (o Option[T]) OrElse(d T) T { if o.ok { return o.v }; return d }",
			"fmt.Sprint(Some(3).OrElse(9), None[int]().OrElse(9))", "3 9"},
		{"mapfilter", "func Map[T, U any](xs []T, f func(T) U) []U { r := make([]U, 0, len(xs)); for _, x := range xs { r = append(r, f(x)) }; return r }\nfunc Filter[T any](xs []T, keep func(T) bool) []T { var r []T; for _, x := range xs { if keep(x) { r = append(r, x) } }; return r }\nfunc Reduce[T, A any](xs []T, init A, f func(A, T) A) A { acc := init; for _, x := range xs { acc = f(acc, x) }; return acc }",
			"evens := Filter([]int{1, 2, 3, 4}, func(x int) bool { return x%2 == 0 })\nsq := Map(evens, func(x int) string { return strconv.Itoa(x * x) })\ntotal := Reduce(evens, 0.5, func(a float64, x int) float64 { return a + float64(x) })\nfmt.Sprint(sq, total)", "[4 16] 6.5"},
		{"embed", "type Base[T any] struct { ID T }\nfunc (b Base[T]) Key() T { return b.ID }\ntype User struct { Base[int]; Name string }",
			"u := User{Base[int]{7}, \"ann\"}\nfmt.Sprint(u.Key(), u.ID)", "7 7"},
		{"genericiface", "type Container[T any] interface { Put(T); Items() []T }\ntype Bag[T any] struct { xs []T }\nfunc (b *Bag[T]) Put(x T) { b.xs = append(b.xs, x) }\nfunc (b *Bag[T]) Items() []T { return b.xs }\nfunc Fill[T any](c Container[T], xs ...T) { for _, x := range xs { c.Put(x) } }",
			"b := &Bag[int]{}\nFill[int](b, 1, 2)\nb.Items()", "[1 2]"},
		{"genericiface2", "type Container[T any] interface { Put(T); Items() []T }\ntype Bag[T any] struct { xs []T }\nfunc (b *Bag[T]) Put(x T) { b.xs = append(b.xs, x) }\nfunc (b *Bag[T]) Items() []T { return b.xs }",
			"var c Container[string] = &Bag[string]{}\nc.Put(\"x\")\nc.Items()", "[x]"},
		{"cache2", "type LRU[K comparable, V any] struct { cap int; order []K; data map[K]V }\nfunc NewLRU[K comparable, V any](n int) *LRU[K, V] { return &LRU[K, V]{cap: n, data: make(map[K]V)} }\nfunc (c *LRU[K, V]) Put(k K, v V) { if _, ok := c.data[k]; !ok { c.order = append(c.order, k); if len(c.order) > c.cap { delete(c.data, c.order[0]); c.order = c.order[1:] } }; c.data[k] = v }\nfunc (c *LRU[K, V]) Get(k K) (V, bool) { v, ok := c.data[k]; return v, ok }",
			"c := NewLRU[string, int](2)\nc.Put(\"a\", 1)\nc.Put(\"b\", 2)\nc.Put(\"c\", 3)\n_, okA := c.Get(\"a\")\nvc, _ := c.Get(\"c\")\nfmt.Sprint(okA, vc, len(c.data))", "false 3 2"},
		{"sortby", "type Person struct { Name string; Age int }\nfunc SortBy[T any, K cmp.Ordered](xs []T, key func(T) K) { slices.SortFunc(xs, func(a, b T) int { return cmp.Compare(key(a), key(b)) }) }",
			"ps := []Person{{\"b\", 30}, {\"a\", 20}}\nSortBy(ps, func(p Person) int { return p.Age })\nps[0].Name", "a"},
		{"groupby", "func GroupBy[T any, K comparable](xs []T, key func(T) K) map[K][]T { m := map[K][]T{}; for _, x := range xs { k := key(x); m[k] = append(m[k], x) }; return m }",
			"g := GroupBy([]string{\"apple\", \"avocado\", \"banana\"}, func(s string) byte { return s[0] })\nlen(g['a'])", "2"},
		{"generic call with a closure from a plain func", "type Person struct { Name string; Age int }\nfunc sortPs(xs []Person, key func(Person) int) { slices.SortFunc(xs, func(a, b Person) int { return key(a) - key(b) }) }",
			"ps := []Person{{\"b\", 30}, {\"a\", 20}}\nsortPs(ps, func(p Person) int { return p.Age })\nps[0].Name", "a"},
		{"compiled sort.Slice from a generic body", "type Person struct { Name string; Age int }\nfunc SortBy[T any, K cmp.Ordered](xs []T, key func(T) K) { sort.Slice(xs, func(i, j int) bool { return key(xs[i]) < key(xs[j]) }) }",
			"ps := []Person{{\"b\", 30}, {\"a\", 20}}\nSortBy(ps, func(p Person) int { return p.Age })\nps[0].Name", "a"},
		{"generic call with a closure from a generic body", "type Person struct { Name string; Age int }\nfunc Each[T any](xs []T, f func(T)) { for _, x := range xs { f(x) } }\nfunc SumBy[T any](xs []T, key func(T) int) int { n := 0; Each(xs, func(x T) { n += key(x) }); return n }",
			"ps := []Person{{\"b\", 30}, {\"a\", 20}}\nSumBy(ps, func(p Person) int { return p.Age })", "50"},
		{"func parameter passed on to slices.SortFunc", "type Person struct { Name string; Age int }\nfunc SortBy[T any](xs []T, less func(a, b T) int) { slices.SortFunc(xs, less) }",
			"ps := []Person{{\"b\", 30}, {\"a\", 20}}\nSortBy(ps, func(a, b Person) int { return a.Age - b.Age })\nps[0].Name", "a"},
		{"slices.SortFunc from a generic body", "type Person struct { Name string; Age int }\nfunc SortBy[T any](xs []T) { slices.SortFunc(xs, func(a, b T) int { return 0 }) }",
			"ps := []Person{{\"b\", 30}, {\"a\", 20}}\nSortBy(ps)\nps[0].Name", "b"},
	})
}

// TestGenericsWithNamedTypes: type arguments that are named types, the
// cells' own and those of compiled packages (time.Duration). yaegi looked
// such a type up by its own name for it inside generic bodies and did not
// find it (typeIDs), and checked named constraints wrongly against
// compiled types (cell.inlineConstraints): slices.Sort of time.Durations
// crashed its compiler, and a range over an iterator in a generic body was
// not rewritten. The last element of each case is the value of its last cell.
func TestGenericsWithNamedTypes(t *testing.T) {
	runCases(t, [][]string{
		{"explicit instance in a body", "type P struct{ a int }\nfunc Len[E any](x []E) int { return len(x) }\nfunc C1[T any](xs []T) int { return Len[T](xs) }", "C1([]P{{1}, {2}})", "2"},
		{"compiled type in a body", "func Len[E any](x []E) int { return len(x) }\nfunc C1[T any](xs []T) int { return Len[T](xs) }", "C1([]time.Duration{1, 2, 3})", "3"},
		{"redefined type", "type P struct{ a int }\nfunc Len[E any](x []E) int { return len(x) }\nfunc C1[T any](xs []T) int { return Len[T](xs) }", "type P struct{ a, b int }", "C1([]P{{1, 2}, {3, 4}})", "2"},
		{"zero of a type parameter", "type P struct{ a int }\nfunc Zero[T any]() T { var z T; return z }\nfunc Z2[T any]() T { return Zero[T]() }", "Z2[P]().a", "0"},
		{"unique handles", "type P struct{ a int }", "h := unique.Make(P{1})\nh2 := unique.Make(P{1})\nh == h2 && h.Value().a == 1", "true"},
		{"sorted keys of a named type", "type K string", "slices.Sorted(maps.Keys(map[K]int{\"b\": 1, \"a\": 2}))", "[a b]"},
		{"range over an iterator in a body", "type K string\nfunc C[T any](xs []T) []T { var out []T; for v := range slices.Values(xs) { out = append(out, v) }; return out }", "C([]K{\"a\", \"b\"})", "[a b]"},
		{"slices.Sort of durations", "s := []time.Duration{2, 1}\nslices.Sort(s)\nfmt.Sprint(s, slices.Max(s), slices.Compare(s, []time.Duration{1, 3}))", "[1ns 2ns] 2ns -1"},
		{"cmp.Compare of durations", "cmp.Compare(time.Second, time.Minute)", "-1"},
		{"sorted durations", "slices.Sorted(maps.Keys(map[time.Duration]int{2: 1, 1: 2}))", "[1ns 2ns]"},
		{"cmp.Ordered of a cell", "func MySort[E cmp.Ordered](x []E) { sort.Slice(x, func(i, j int) bool { return x[i] < x[j] }) }", "s := []time.Duration{2, 1}\nMySort(s)\ns", "[1ns 2ns]"},
		{"constraint of a cell", "type Num interface { ~int | ~int64 }\nfunc Lt[E Num](a, b E) bool { return a < b }", "Lt(time.Duration(1), 2)", "true"},
		// yaegi prints the type of a generic struct's composite literal as
		// the bare struct: inference goes field by field (unifyStruct).
		{"events of a generic struct", "type Event[T any] struct{ At time.Time; Data T }\nfunc Latest[T any](es []Event[T]) Event[T] { best := es[0]; for _, e := range es[1:] { if e.At.After(best.At) { best = e } }; return best }\nfunc First[T any](e Event[T]) T { return e.Data }", "t0 := time.Unix(0, 0)", "fmt.Sprint(Latest([]Event[string]{{t0, \"a\"}, {t0.Add(time.Hour), \"b\"}}).Data, First(Event[int]{t0, 4}))", "b4"},
		// Methods of an embedded generic instance are promoted by
		// forwarders (cell.promoted); the struct's own method wins.
		{"embedded generic instance", "type Base[T any] struct{ items []T }\nfunc (b *Base[T]) Add(x T) { b.items = append(b.items, x) }\nfunc (b *Base[T]) Len() int { return len(b.items) }\nfunc (b Base[T]) First() T { return b.items[0] }",
			"type Named struct{ Base[string]; Name string }\ntype Named2 struct{ Base[int] }\nfunc (n *Named2) Len() int { return 100 }\nn := &Named{Name: \"n\"}\nn.Add(\"a\")\nn.Add(\"b\")\nm := &Named2{}\nm.Add(1)",
			"type Lener interface{ Len() int }\nvar ln Lener = n\nfmt.Sprint(n.Len(), n.First(), len(n.items), m.Len(), ln.Len())", "2a2 100 2"},
		{"ring buffer", "type Ring[T any] struct{ buf []T; next int; full bool }\nfunc NewRing[T any](n int) *Ring[T] { return &Ring[T]{buf: make([]T, n)} }\nfunc (r *Ring[T]) Push(x T) { r.buf[r.next] = x; r.next = (r.next + 1) % len(r.buf); if r.next == 0 { r.full = true } }\nfunc (r *Ring[T]) Items() []T { if !r.full { return slices.Clone(r.buf[:r.next]) }; return append(slices.Clone(r.buf[r.next:]), r.buf[:r.next]...) }\nrg := NewRing[int](3)\nfor i := range 5 { rg.Push(i) }\nrg.Items()", "[2 3 4]"},
		{"pairs sorted by key", "type KV[K cmp.Ordered, V any] struct{ K K; V V }\nfunc SortedPairs[K cmp.Ordered, V any](m map[K]V) []KV[K, V] { out := make([]KV[K, V], 0, len(m)); for k, v := range m { out = append(out, KV[K, V]{k, v}) }; slices.SortFunc(out, func(a, b KV[K, V]) int { return cmp.Compare(a.K, b.K) }); return out }\nfmt.Sprint(SortedPairs(map[string]int{\"b\": 2, \"a\": 1}))", "[{a 1} {b 2}]"},
		{"counter", "type Counter[T comparable] struct{ m map[T]int }\nfunc NewCounter[T comparable]() *Counter[T] { return &Counter[T]{m: map[T]int{}} }\nfunc (c *Counter[T]) Add(x T) { c.m[x]++ }\nfunc (c *Counter[T]) Top() (T, int) { var best T; n := -1; for k, v := range c.m { if v > n { best, n = k, v } }; return best, n }\ncc := NewCounter[string]()\nfor _, w := range strings.Fields(\"a b a c a\") { cc.Add(w) }\nfmt.Sprint(cc.Top())", "a3"},
		{"parallel map", "func Parallel[T, R any](xs []T, f func(T) R) []R { out := make([]R, len(xs)); var wg sync.WaitGroup; for i, x := range xs { wg.Add(1); go func() { defer wg.Done(); out[i] = f(x) }() }; wg.Wait(); return out }\nParallel([]int{1, 2, 3}, func(x int) int { return x * x })", "[1 4 9]"},
		{"filter iterator", "func Filter[T any](seq iter.Seq[T], keep func(T) bool) iter.Seq[T] { return func(yield func(T) bool) { for v := range seq { if keep(v) && !yield(v) { return } } } }\nslices.Collect(Filter(slices.Values([]int{1, 2, 3, 4}), func(x int) bool { return x%2 == 0 }))", "[2 4]"},
		{"stats of a generic struct", "type Stats[T cmp.Ordered] struct{ Min, Max T; N int }\nfunc Summarize[T cmp.Ordered](xs []T) Stats[T] { s := Stats[T]{Min: xs[0], Max: xs[0]}; for _, x := range xs { s.Min = min(s.Min, x); s.Max = max(s.Max, x); s.N++ }; return s }\nst := Summarize([]float64{2.5, 1, 3})\nfmt.Sprint(st.Min, st.Max, st.N)", "1 3 3"},
		{"top of a clone", "func Top[T cmp.Ordered](xs []T) T { s := slices.Clone(xs); slices.Sort(s); return s[len(s)-1] }", "Top([]time.Duration{3, 1, 2})", "3ns"},
	})
}

// TestGenericsCallingGenerics: generic funcs of the cells calling each
// other with the types of generic types of the cells: a result that names
// one (Zip's []Pair[A, B]) tells the next call's type arguments, and a
// value of an instance that is not a struct (Set[int], a map) matches its
// parameter (yaegi names its type by the underlying map).
func TestGenericsCallingGenerics(t *testing.T) {
	pair := "type Pair[A, B any] struct { First A; Second B }\nfunc Zip[A, B any](as []A, bs []B) []Pair[A, B] { var out []Pair[A, B]; for i := range min(len(as), len(bs)) { out = append(out, Pair[A, B]{as[i], bs[i]}) }; return out }\nfunc Unzip[A, B any](ps []Pair[A, B]) ([]A, []B) { var as []A; var bs []B; for _, p := range ps { as = append(as, p.First); bs = append(bs, p.Second) }; return as, bs }\n"
	set := "type Set[T comparable] map[T]struct{}\nfunc Of[T comparable](xs ...T) Set[T] { s := Set[T]{}; for _, x := range xs { s[x] = struct{}{} }; return s }\nfunc (s Set[T]) Union(o Set[T]) Set[T] { out := Set[T]{}; for k := range s { out[k] = struct{}{} }; for k := range o { out[k] = struct{}{} }; return out }\n"
	runCases(t, [][]string{
		{"zip unzip", pair + "func RoundTrip[A, B any](as []A, bs []B) ([]A, []B) { z := Zip(as, bs); return Unzip(z) }", "a, b := RoundTrip([]int{1, 2}, []string{\"x\", \"y\"})\nfmt.Sprint(a, b)", "[1 2] [x y]"},
		{"zip unzip one result", pair + "func Firsts[A, B any](as []A, bs []B) []A { z := Zip(as, bs); a, _ := Unzip(z); return a }", "Firsts([]int{1, 2}, []string{\"x\"})", "[1]"},
		{"set union all", set + "func UnionAll[T comparable](sets ...Set[T]) Set[T] { out := Of[T](); for _, s := range sets { out = out.Union(s) }; return out }", "len(UnionAll(Of(1, 2), Of(2, 3)))", "3"},
		{"set literal", set + "func UnionAll[T comparable](sets ...Set[T]) Set[T] { out := Set[T]{}; for _, s := range sets { out = out.Union(s) }; return out }", "len(UnionAll(Of(1, 2), Of(2, 3)))", "3"},
		{"set slice", set + "func UnionAll[T comparable](sets []Set[T]) Set[T] { out := Of[T](); for _, s := range sets { out = out.Union(s) }; return out }", "len(UnionAll([]Set[int]{Of(1, 2), Of(2, 3)}))", "3"},
		{"map filter reduce", "func Map[T, U any](xs []T, f func(T) U) []U { r := make([]U, 0, len(xs)); for _, x := range xs { r = append(r, f(x)) }; return r }\nfunc Filter[T any](xs []T, f func(T) bool) []T { var r []T; for _, x := range xs { if f(x) { r = append(r, x) } }; return r }\nfunc Reduce[T, A any](xs []T, init A, f func(A, T) A) A { acc := init; for _, x := range xs { acc = f(acc, x) }; return acc }\nfunc SumSquaresOfEvens[T ~int | ~float64](xs []T) T { evens := Filter(xs, func(x T) bool { return int(x)%2 == 0 }); sq := Map(evens, func(x T) T { return x * x }); return Reduce(sq, T(0), func(a, x T) T { return a + x }) }", "SumSquaresOfEvens([]int{1, 2, 3, 4})", "20"},
		{"group count", "func GroupBy[T any, K comparable](xs []T, key func(T) K) map[K][]T { out := map[K][]T{}; for _, x := range xs { k := key(x); out[k] = append(out[k], x) }; return out }\nfunc CountBy[T any, K comparable](xs []T, key func(T) K) map[K]int { out := map[K]int{}; for k, g := range GroupBy(xs, key) { out[k] = len(g) }; return out }", "CountBy([]string{\"a\", \"bb\", \"cc\"}, func(s string) int { return len(s) })", "map[1:1 2:2]"},
		{"stack reverse", "type Stack[T any] struct{ xs []T }\nfunc (s *Stack[T]) Push(x T) { s.xs = append(s.xs, x) }\nfunc (s *Stack[T]) Pop() (T, bool) { var z T; if len(s.xs) == 0 { return z, false }; x := s.xs[len(s.xs)-1]; s.xs = s.xs[:len(s.xs)-1]; return x, true }\nfunc Reverse[T any](xs []T) []T { var s Stack[T]; for _, x := range xs { s.Push(x) }; var out []T; for { x, ok := s.Pop(); if !ok { break }; out = append(out, x) }; return out }", "Reverse([]string{\"a\", \"b\", \"c\"})", "[c b a]"},
		{"tree with funcs declared after", "type Tree[T cmp.Ordered] struct { root *node[T] }\ntype node[T cmp.Ordered] struct { v T; l, r *node[T] }\nfunc (t *Tree[T]) Insert(v T) { t.root = insert(t.root, v) }\nfunc insert[T cmp.Ordered](n *node[T], v T) *node[T] { if n == nil { return &node[T]{v: v} }; if v < n.v { n.l = insert(n.l, v) } else { n.r = insert(n.r, v) }; return n }\nfunc (t *Tree[T]) All() iter.Seq[T] { return func(yield func(T) bool) { walk(t.root, yield) } }\nfunc walk[T cmp.Ordered](n *node[T], yield func(T) bool) bool { if n == nil { return true }; return walk(n.l, yield) && yield(n.v) && walk(n.r, yield) }", "var t Tree[int]\nfor _, v := range []int{5, 2, 8, 1} { t.Insert(v) }\nslices.Collect(t.All())", "[1 2 5 8]"},
		{"pipeline of channels", "func Generate[T any](xs ...T) <-chan T { ch := make(chan T); go func() { defer close(ch); for _, x := range xs { ch <- x } }(); return ch }\nfunc MapC[T, U any](in <-chan T, f func(T) U) <-chan U { out := make(chan U); go func() { defer close(out); for x := range in { out <- f(x) } }(); return out }\nfunc Collect[T any](in <-chan T) []T { var r []T; for x := range in { r = append(r, x) }; return r }", "Collect(MapC(Generate(1, 2, 3), func(x int) string { return strconv.Itoa(x * 10) }))", "[10 20 30]"},
		{"result then", "type Result[T any] struct { Val T; Err error }\nfunc Ok[T any](v T) Result[T] { return Result[T]{Val: v} }\nfunc Fail[T any](err error) Result[T] { return Result[T]{Err: err} }\nfunc Then[T, U any](r Result[T], f func(T) Result[U]) Result[U] { if r.Err != nil { return Fail[U](r.Err) }; return f(r.Val) }", "r := Then(Ok(\"42\"), func(s string) Result[int] { n, err := strconv.Atoi(s); if err != nil { return Fail[int](err) }; return Ok(n) })\nr2 := Then(Ok(\"x\"), func(s string) Result[int] { n, err := strconv.Atoi(s); if err != nil { return Fail[int](err) }; return Ok(n) })\nfmt.Sprint(r.Val, r.Err == nil, r2.Err != nil)", "42 true true"},
		{"average of sum", "type Number interface{ ~int | ~int64 | ~float64 }\nfunc Sum[T Number](xs []T) T { var s T; for _, x := range xs { s += x }; return s }\nfunc Average[T Number](xs []T) float64 { if len(xs) == 0 { return 0 }; return float64(Sum(xs)) / float64(len(xs)) }", "fmt.Sprint(Average([]int{1, 2, 3, 4}), Average([]float64{1.5, 2.5}))", "2.5 2"},
		{"embedded generic", "type Base[T any] struct { items []T }\nfunc (b *Base[T]) Add(x T) { b.items = append(b.items, x) }\nfunc (b *Base[T]) Len() int { return len(b.items) }\ntype Named[T any] struct { Base[T]; Name string }", "n := Named[int]{Name: \"n\"}\nn.Add(1)\nn.Add(2)\nfmt.Sprint(n.Name, n.Len())", "n2"},
		{"rechunk", "func Chunk[T any](xs []T, n int) [][]T { var out [][]T; for len(xs) > n { out = append(out, xs[:n]); xs = xs[n:] }; return append(out, xs) }\nfunc Flatten[T any](xss [][]T) []T { var out []T; for _, xs := range xss { out = append(out, xs...) }; return out }\nfunc Rechunk[T any](xss [][]T, n int) [][]T { return Chunk(Flatten(xss), n) }", "Rechunk([][]int{{1, 2, 3}, {4}}, 2)", "[[1 2] [3 4]]"},
	})
}

// TestUntypedConstantArguments: an untyped constant passed to a type
// parameter beside typed arguments gives it their type, as in Go; yaegi
// instantiated the func for "untyped int", and a generic call in its body
// then panicked (Twice(3, inc) with Twice calling Apply(x, f, f)).
func TestUntypedConstantArguments(t *testing.T) {
	apply := "func Apply[T any](x T, fs ...func(T) T) T { for _, f := range fs { x = f(x) }; return x }\nfunc Twice[T any](x T, f func(T) T) T { return Apply(x, f, f) }"
	runCases(t, [][]string{
		{"func literal", apply, "Twice(3, func(x int) int { return x + 1 })", "5"},
		{"variable of the cell", apply, "inc := func(x int) int { return x + 1 }\nTwice(3, inc)", "5"},
		{"variable of an earlier cell", apply, "inc := func(x int) int { return x + 1 }", "Twice(3, inc)", "5"},
		{"func of an earlier cell", apply, "func dbl(x float64) float64 { return x * 2 }", "fmt.Sprintf(\"%v %T\", Twice(3, dbl), Twice(3, dbl))", "12 float64"},
		{"explicit", apply, "Twice[int](3, func(x int) int { return x + 1 })", "5"},
		{"constants alone", apply, "fmt.Sprintf(\"%T\", Apply(2.5))", "float64"},
		{"mixed constants", "func Pair[T any](a, b T) []T { return []T{a, b} }", "n := 2.5\nfmt.Sprintf(\"%T %v\", Pair(1, n), Pair(1, n))", "[]float64 [1 2.5]"},
	})
}

// TestTypeIDsLayout: typeIDs reaches into yaegi's unexported scope tables;
// a yaegi of another layout would silently lose what it gives.
func TestTypeIDsLayout(t *testing.T) {
	s := newTestSession(t)
	value(t, s, "type Person struct{ Name string }")
	if !s.ids.universe.IsValid() || !s.ids.universe.MapIndex(reflect.ValueOf("main.Person")).IsValid() {
		t.Fatal("the universe has no main.Person: see typeids.go")
	}
}

// runCases runs each case in a session of its own: its name, its cells,
// and the value its last cell must show.
func runCases(t *testing.T, cases [][]string) {
	t.Helper()
	for _, cs := range cases {
		t.Run(cs[0], func(t *testing.T) {
			s := newTestSession(t)
			cells, want := cs[1:len(cs)-1], cs[len(cs)-1]
			if got := value(t, s, cells...); got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}
