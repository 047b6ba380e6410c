package worker

import "testing"

func TestScratch2(t *testing.T) {
	temp := "type Temp float64\nfunc (t Temp) Celsius() float64 { return float64(t) }\nfunc (t *Temp) Add(d float64) { *t += Temp(d) }\nfunc (t Temp) Scaled(f float64) Temp { return t * Temp(f) }\n"
	memo := "func memo[K comparable, V any](f func(K) V) (func(K) V, *int) {\n\tcache := map[K]V{}\n\tmisses := 0\n\treturn func(k K) V {\n\t\tif v, ok := cache[k]; ok {\n\t\t\treturn v\n\t\t}\n\t\tmisses++\n\t\tv := f(k)\n\t\tcache[k] = v\n\t\treturn v\n\t}, &misses\n}\n"
	compose := "func compose[A, B, C any](f func(A) B, g func(B) C) func(A) C {\n\treturn func(a A) C { return g(f(a)) }\n}\n"
	runCases(t, [][]string{
		{"method values", temp, "t := Temp(20)\nadd := t.Add\nadd(5)\nscale := Temp.Scaled\ncelsius := (*Temp).Celsius\nfmt.Sprint(t, scale(t, 2), celsius(&t))", "25 50 25"},
		{"memo", memo, "var fib func(int) int\nfastFib, misses := memo(func(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) })\nfib = fastFib\nfmt.Sprint(fib(50), *misses)", "12586269025 51"},
		{"compose", compose, "upperLen := compose(strings.ToUpper, func(s string) int { return len(s) })\nfmt.Sprint(upperLen(\"hello\"))", "5"},
		{"compose2", compose, "upperLen := compose(strings.ToUpper, func(s string) int { return len(s) })\nfmt.Sprint(compose(upperLen, func(n int) bool { return n > 3 })(\"hi\"))", "false"},
		{"slice of method values", temp, "t := Temp(20)\nfs := []func(float64) Temp{t.Scaled, Temp(1).Scaled}\nt = 100\nfmt.Sprint(fs[0](2), fs[1](3))", "40 3"},
	})
}
