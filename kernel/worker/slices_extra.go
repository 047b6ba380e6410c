package worker

// slicesExtra adds to the interpreter's slices package the sorting and
// searching functions its generic sources lack. They lean on the compiled
// sort package; element-typed signatures ([]E rather than S ~[]E) because
// yaegi cannot infer E from S alone.
const slicesExtra = `package slices

import "sort"

// Sort sorts x in ascending order.
func Sort[E cmp.Ordered](x []E) {
	sort.Slice(x, func(i, j int) bool { return x[i] < x[j] })
}

// SortFunc sorts x by c, which returns a negative number when a < b.
func SortFunc[E any](x []E, c func(a, b E) int) {
	sort.Slice(x, func(i, j int) bool { return c(x[i], x[j]) < 0 })
}

// SortStableFunc sorts x by c, keeping the order of equal elements.
func SortStableFunc[E any](x []E, c func(a, b E) int) {
	sort.SliceStable(x, func(i, j int) bool { return c(x[i], x[j]) < 0 })
}

// IsSorted reports whether x is in ascending order.
func IsSorted[E cmp.Ordered](x []E) bool {
	for i := 1; i < len(x); i++ {
		if x[i] < x[i-1] {
			return false
		}
	}
	return true
}

// Min returns the smallest element; it panics on an empty slice.
func Min[E cmp.Ordered](x []E) E {
	if len(x) == 0 {
		panic("slices.Min: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if v < m {
			m = v
		}
	}
	return m
}

// Max returns the largest element; it panics on an empty slice.
func Max[E cmp.Ordered](x []E) E {
	if len(x) == 0 {
		panic("slices.Max: empty list")
	}
	m := x[0]
	for _, v := range x[1:] {
		if v > m {
			m = v
		}
	}
	return m
}

// BinarySearch finds target in sorted x: its position, or where it would go.
func BinarySearch[E cmp.Ordered](x []E, target E) (int, bool) {
	i := sort.Search(len(x), func(i int) bool { return x[i] >= target })
	return i, i < len(x) && x[i] == target
}
`
