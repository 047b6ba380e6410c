package frames

import (
	"math/rand/v2"
	"testing"
)

func benchData(n int) Frame {
	r := rand.New(rand.NewPCG(1, 2))
	k := make([]int64, n)
	v := make([]float64, n)
	w := make([]float64, n)
	for i := range k {
		k[i] = r.Int64N(1000)
		v[i] = r.Float64() * 100
		w[i] = r.NormFloat64()
	}
	return New(Column("k", k), Column("v", v), Column("w", w))
}

func BenchmarkGroupBy(b *testing.B) {
	f := benchData(10_000_000)
	b.ResetTimer()
	for range b.N {
		if err := f.GroupBy("k").Agg(Col("v").Sum(), Count()).Collect().Err(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFilterProject(b *testing.B) {
	f := benchData(10_000_000)
	b.ResetTimer()
	for range b.N {
		g := f.Filter(Col("v").Gt(50).And(Col("w").Lt(1))).SelectExprs(Col("k"), Col("v").Mul(Col("w")).Alias("vw"))
		if err := g.Collect().Err(); err != nil {
			b.Fatal(err)
		}
	}
}
