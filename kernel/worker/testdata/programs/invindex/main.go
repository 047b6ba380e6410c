// An inverted index with tf-idf ranking, phrase queries over positions,
// boolean AND/OR/NOT and a snippet highlighter.
package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
)

type DocID int

type Posting struct {
	Doc       DocID
	Positions []int
}

type Index struct {
	docs     []string
	titles   []string
	postings map[string][]Posting
	lengths  []int
}

func tokenize(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

func NewIndex() *Index { return &Index{postings: make(map[string][]Posting)} }

func (ix *Index) Add(title, text string) DocID {
	id := DocID(len(ix.docs))
	ix.docs = append(ix.docs, text)
	ix.titles = append(ix.titles, title)
	toks := tokenize(text)
	ix.lengths = append(ix.lengths, len(toks))
	for pos, t := range toks {
		ps := ix.postings[t]
		if n := len(ps); n > 0 && ps[n-1].Doc == id {
			ps[n-1].Positions = append(ps[n-1].Positions, pos)
		} else {
			ps = append(ps, Posting{id, []int{pos}})
		}
		ix.postings[t] = ps
	}
	return id
}

type Set map[DocID]struct{}

func (ix *Index) docsWith(term string) Set {
	s := Set{}
	for _, p := range ix.postings[term] {
		s[p.Doc] = struct{}{}
	}
	return s
}

func and(a, b Set) Set {
	out := Set{}
	for d := range a {
		if _, ok := b[d]; ok {
			out[d] = struct{}{}
		}
	}
	return out
}

func or(a, b Set) Set {
	out := Set{}
	for _, s := range []Set{a, b} {
		for d := range s {
			out[d] = struct{}{}
		}
	}
	return out
}

func (ix *Index) not(a Set) Set {
	out := Set{}
	for i := range ix.docs {
		if _, ok := a[DocID(i)]; !ok {
			out[DocID(i)] = struct{}{}
		}
	}
	return out
}

// Query: terms separated by spaces are ANDed; "OR" between terms; "-term" excludes.
func (ix *Index) Query(q string) []DocID {
	var result Set
	pendingOr := false
	for _, w := range strings.Fields(q) {
		if w == "OR" {
			pendingOr = true
			continue
		}
		var s Set
		if strings.HasPrefix(w, "-") {
			s = ix.not(ix.docsWith(strings.ToLower(w[1:])))
		} else {
			s = ix.docsWith(strings.ToLower(w))
		}
		switch {
		case result == nil:
			result = s
		case pendingOr:
			result = or(result, s)
		default:
			result = and(result, s)
		}
		pendingOr = false
	}
	ids := make([]DocID, 0, len(result))
	for d := range result {
		ids = append(ids, d)
	}
	slices.Sort(ids)
	return ids
}

func (ix *Index) Phrase(phrase string) []DocID {
	toks := tokenize(phrase)
	if len(toks) == 0 {
		return nil
	}
	var out []DocID
	for _, first := range ix.postings[toks[0]] {
	start:
		for _, p := range first.Positions {
			for k := 1; k < len(toks); k++ {
				if !ix.hasAt(toks[k], first.Doc, p+k) {
					continue start
				}
			}
			out = append(out, first.Doc)
			break
		}
	}
	return out
}

func (ix *Index) hasAt(term string, doc DocID, pos int) bool {
	for _, p := range ix.postings[term] {
		if p.Doc == doc {
			_, found := slices.BinarySearch(p.Positions, pos)
			return found
		}
	}
	return false
}

type Hit struct {
	Doc   DocID
	Score float64
}

func (ix *Index) Rank(q string) []Hit {
	scores := map[DocID]float64{}
	n := float64(len(ix.docs))
	for _, t := range tokenize(q) {
		ps := ix.postings[t]
		if len(ps) == 0 {
			continue
		}
		idf := math.Log(1 + n/float64(len(ps)))
		for _, p := range ps {
			tf := float64(len(p.Positions)) / float64(ix.lengths[p.Doc])
			scores[p.Doc] += tf * idf
		}
	}
	hits := make([]Hit, 0, len(scores))
	for d, s := range scores {
		hits = append(hits, Hit{d, s})
	}
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Doc, b.Doc)
	})
	return hits
}

func (ix *Index) Snippet(d DocID, term string) string {
	words := strings.Fields(ix.docs[d])
	for i, w := range words {
		if strings.EqualFold(strings.Trim(w, ".,;!?"), term) {
			lo, hi := max(0, i-3), min(len(words), i+4)
			parts := slices.Clone(words[lo:hi])
			parts[i-lo] = "[" + parts[i-lo] + "]"
			return "…" + strings.Join(parts, " ") + "…"
		}
	}
	return ""
}

func (ix *Index) titlesOf(ids []DocID) string {
	var s []string
	for _, id := range ids {
		s = append(s, ix.titles[id])
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func main() {
	ix := NewIndex()
	ix.Add("kafka", "Kafka is a distributed log. A topic has partitions; a partition is an ordered log of records.")
	ix.Add("flink", "Flink processes streams with event time, watermarks and windows over a distributed log.")
	ix.Add("arrow", "Arrow is a columnar format. Columnar data makes group by and filter fast.")
	ix.Add("ztf", "ZTF alerts arrive as Avro records on a Kafka topic, one alert per detection.")
	ix.Add("notes", "Event time is when it happened; processing time is when we saw it. Time matters.")
	for _, q := range []string{"log", "distributed log", "kafka OR arrow", "time -flink", "record", "topic kafka", "-log -time"} {
		fmt.Printf("%-16q %s\n", q, ix.titlesOf(ix.Query(q)))
	}
	for _, p := range []string{"event time", "distributed log", "time event", "a topic"} {
		fmt.Printf("phrase %-18q %s\n", p, ix.titlesOf(ix.Phrase(p)))
	}
	for _, h := range ix.Rank("time log kafka") {
		fmt.Printf("%-6s %.4f\n", ix.titles[h.Doc], h.Score)
	}
	fmt.Println(ix.Snippet(4, "time"))
	fmt.Println(ix.Snippet(2, "filter"))
	fmt.Println(len(ix.postings), ix.lengths)
}
