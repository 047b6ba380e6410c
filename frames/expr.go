package frames

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow/go/v17/arrow"
)

// Expr is a column expression: a column, a literal, or an operation on
// expressions, evaluated natively over whole columns. Build one with Col or
// Lit and its methods: Col("magpsf").Lt(18).And(Col("rb").Ge(0.65)).
type Expr struct{ e *expr }

type expr struct {
	op   string  // see the constructors below
	name string  // column name (col), alias, or function name
	lit  any     // literal value: bool, int64, float64, string, time.Time, time.Duration or nil
	args []*expr // operands
	typ  arrow.DataType
	num  float64 // numeric parameter (round digits, quantile)
	str  string  // string parameter
	fn   func(any) any
}

func mk(op string, args ...*expr) Expr { return Expr{&expr{op: op, args: args}} }

// Col refers to a column by name.
func Col(name string) Expr { return Expr{&expr{op: "col", name: name}} }

// Lit is a literal value: a bool, integer, float, string, time.Time,
// time.Duration or nil.
func Lit(v any) Expr {
	switch x := v.(type) {
	case Expr:
		return x
	case int:
		v = int64(x)
	case int8:
		v = int64(x)
	case int16:
		v = int64(x)
	case int32:
		v = int64(x)
	case uint:
		v = int64(x)
	case uint8:
		v = int64(x)
	case uint16:
		v = int64(x)
	case uint32:
		v = int64(x)
	case uint64:
		v = int64(x)
	case float32:
		v = float64(x)
	case bool, int64, float64, string, time.Time, time.Duration, nil:
	default:
		return Expr{&expr{op: "bad", str: fmt.Sprintf("cannot use %T as a literal", v)}}
	}
	return Expr{&expr{op: "lit", lit: v}}
}

func lift(v any) *expr { return Lit(v).e }

// Alias names the expression's output column.
func (x Expr) Alias(name string) Expr {
	return Expr{&expr{op: "alias", name: name, args: []*expr{x.e}}}
}

// As is Alias.
func (x Expr) As(name string) Expr { return x.Alias(name) }

// Add is x + y; y is an Expr or a literal. Integers add as int64, anything
// with a float as float64; a timestamp plus a duration is a timestamp.
func (x Expr) Add(y any) Expr { return mk("+", x.e, lift(y)) }

// Sub is x - y; a timestamp minus a timestamp is a duration.
func (x Expr) Sub(y any) Expr { return mk("-", x.e, lift(y)) }

// Mul is x * y.
func (x Expr) Mul(y any) Expr { return mk("*", x.e, lift(y)) }

// Div is x / y as float64 (true division; null where y is 0).
func (x Expr) Div(y any) Expr { return mk("/", x.e, lift(y)) }

// Mod is the remainder of integer x / y (null where y is 0).
func (x Expr) Mod(y any) Expr { return mk("%", x.e, lift(y)) }

// Neg is -x.
func (x Expr) Neg() Expr { return mk("neg", x.e) }

// Eq is x == y.
func (x Expr) Eq(y any) Expr { return mk("==", x.e, lift(y)) }

// Ne is x != y.
func (x Expr) Ne(y any) Expr { return mk("!=", x.e, lift(y)) }

// Lt is x < y.
func (x Expr) Lt(y any) Expr { return mk("<", x.e, lift(y)) }

// Le is x <= y.
func (x Expr) Le(y any) Expr { return mk("<=", x.e, lift(y)) }

// Gt is x > y.
func (x Expr) Gt(y any) Expr { return mk(">", x.e, lift(y)) }

// Ge is x >= y.
func (x Expr) Ge(y any) Expr { return mk(">=", x.e, lift(y)) }

// Between is lo <= x && x <= hi.
func (x Expr) Between(lo, hi any) Expr { return x.Ge(lo).And(x.Le(hi)) }

// IsIn is true where x equals one of the values.
func (x Expr) IsIn(values ...any) Expr {
	e := &expr{op: "isin", args: []*expr{x.e}}
	for _, v := range values {
		e.args = append(e.args, lift(v))
	}
	return Expr{e}
}

// And is x && y with SQL's three-valued logic (false && null is false).
func (x Expr) And(y any) Expr { return mk("&&", x.e, lift(y)) }

// Or is x || y with SQL's three-valued logic (true || null is true).
func (x Expr) Or(y any) Expr { return mk("||", x.e, lift(y)) }

// Not is !x.
func (x Expr) Not() Expr { return mk("!", x.e) }

// IsNull is true where x is null or NaN (never null itself).
func (x Expr) IsNull() Expr { return mk("isnull", x.e) }

// IsNotNull is true where x is neither null nor NaN.
func (x Expr) IsNotNull() Expr { return mk("isnotnull", x.e) }

// FillNull replaces nulls (and NaN) with v.
func (x Expr) FillNull(v any) Expr { return mk("fillnull", x.e, lift(v)) }

// Cast converts x to an Arrow type, e.g. arrow.PrimitiveTypes.Float64. Use
// the helpers Float64, Int64 and String for the common cases.
func (x Expr) Cast(t arrow.DataType) Expr { return Expr{&expr{op: "cast", typ: t, args: []*expr{x.e}}} }

// Float64 is x cast to float64.
func (x Expr) Float64() Expr { return x.Cast(arrow.PrimitiveTypes.Float64) }

// Int64 is x cast to int64 (floats truncate toward zero).
func (x Expr) Int64() Expr { return x.Cast(arrow.PrimitiveTypes.Int64) }

// Str is x cast to string (String is taken: it prints the expression).
func (x Expr) Str() Expr { return x.Cast(arrow.BinaryTypes.String) }

// Contains is true where the string x contains s.
func (x Expr) Contains(s string) Expr { return Expr{&expr{op: "contains", str: s, args: []*expr{x.e}}} }

// HasPrefix is true where the string x starts with s.
func (x Expr) HasPrefix(s string) Expr { return Expr{&expr{op: "prefix", str: s, args: []*expr{x.e}}} }

// HasSuffix is true where the string x ends with s.
func (x Expr) HasSuffix(s string) Expr { return Expr{&expr{op: "suffix", str: s, args: []*expr{x.e}}} }

// Lower is the string x in lower case.
func (x Expr) Lower() Expr { return mk("lower", x.e) }

// Upper is the string x in upper case.
func (x Expr) Upper() Expr { return mk("upper", x.e) }

// Length is the number of characters (runes) in the string x, or the number
// of elements of the list x.
func (x Expr) Length() Expr { return mk("length", x.e) }

// Abs is |x|.
func (x Expr) Abs() Expr { return mk("abs", x.e) }

// Sqrt is the square root of x (NaN below 0).
func (x Expr) Sqrt() Expr { return mk("sqrt", x.e) }

// Log is the natural logarithm of x.
func (x Expr) Log() Expr { return mk("log", x.e) }

// Log10 is the base-10 logarithm of x.
func (x Expr) Log10() Expr { return mk("log10", x.e) }

// Exp is e**x.
func (x Expr) Exp() Expr { return mk("exp", x.e) }

// Pow is x**y.
func (x Expr) Pow(y any) Expr { return mk("pow", x.e, lift(y)) }

// Floor rounds x down.
func (x Expr) Floor() Expr { return mk("floor", x.e) }

// Ceil rounds x up.
func (x Expr) Ceil() Expr { return mk("ceil", x.e) }

// Round rounds x to digits decimal places (half away from zero).
func (x Expr) Round(digits int) Expr {
	return Expr{&expr{op: "round", num: float64(digits), args: []*expr{x.e}}}
}

// Truncate rounds the timestamp x down to a multiple of d since the Unix
// epoch (the start of its minute, hour, 30 s window…).
func (x Expr) Truncate(d time.Duration) Expr {
	return Expr{&expr{op: "truncate", num: float64(d), args: []*expr{x.e}}}
}

// FromJD reads the number x as a Julian Date and gives a timestamp (to the
// millisecond, the precision of a float64 JD).
func (x Expr) FromJD() Expr { return mk("fromjd", x.e) }

// FromMJD reads the number x as a Modified Julian Date and gives a timestamp.
func (x Expr) FromMJD() Expr { return mk("frommjd", x.e) }

// Field is the named field of the struct column x.
func (x Expr) Field(name string) Expr {
	return Expr{&expr{op: "field", name: name, args: []*expr{x.e}}}
}

// Map applies a Go function to each value of x — the slow path, for what no
// expression says: the function runs once per row (interpreted, when it is
// defined in a cell). It gets nil for nulls, returns nil for a null, and its
// result type is taken from the first non-nil result.
func (x Expr) Map(fn func(v any) any) Expr { return Expr{&expr{op: "map", fn: fn, args: []*expr{x.e}}} }

// WhenThen is a conditional expression under construction; see When.
type WhenThen struct {
	conds, vals []*expr
}

// When starts a conditional: When(c1).Then(v1).When(c2).Then(v2).Otherwise(v3).
// Rows where no condition holds (or the condition is null) get Otherwise.
func When(cond Expr) WhenThen { return WhenThen{conds: []*expr{cond.e}} }

// Then sets the value for the last condition.
func (w WhenThen) Then(v any) WhenThen {
	return WhenThen{conds: w.conds, vals: append(append([]*expr(nil), w.vals...), lift(v))}
}

// When adds another condition, tried after the earlier ones.
func (w WhenThen) When(cond Expr) WhenThen {
	return WhenThen{conds: append(append([]*expr(nil), w.conds...), cond.e), vals: w.vals}
}

// Otherwise ends the conditional with the value for the remaining rows.
func (w WhenThen) Otherwise(v any) Expr {
	e := &expr{op: "when"}
	if len(w.vals) != len(w.conds) {
		return Expr{&expr{op: "bad", str: "When without a matching Then"}}
	}
	for i := range w.conds {
		e.args = append(e.args, w.conds[i], w.vals[i])
	}
	e.args = append(e.args, lift(v))
	return Expr{e}
}

// String is the expression as text.
func (x Expr) String() string {
	if x.e == nil {
		return "<nil>"
	}
	return x.e.String()
}

func (e *expr) String() string {
	a := func(i int) string { return e.args[i].String() }
	switch e.op {
	case "col":
		return e.name
	case "lit":
		switch v := e.lit.(type) {
		case string:
			return strconv.Quote(v)
		case nil:
			return "null"
		case time.Time:
			return v.UTC().Format(time.RFC3339Nano)
		}
		return fmt.Sprint(e.lit)
	case "bad":
		return "<bad: " + e.str + ">"
	case "alias":
		return a(0) + " AS " + e.name
	case "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||":
		return "(" + a(0) + " " + e.op + " " + a(1) + ")"
	case "!":
		return "!" + a(0)
	case "neg":
		return "-" + a(0)
	case "cast":
		return fmt.Sprintf("cast(%s AS %s)", a(0), e.typ)
	case "contains", "prefix", "suffix":
		return fmt.Sprintf("%s(%s, %q)", e.op, a(0), e.str)
	case "round":
		return fmt.Sprintf("round(%s, %d)", a(0), int(e.num))
	case "truncate":
		return fmt.Sprintf("truncate(%s, %s)", a(0), time.Duration(e.num))
	case "field":
		return a(0) + "." + e.name
	case "quantile":
		return fmt.Sprintf("quantile(%s, %g)", a(0), e.num)
	case "when":
		var b strings.Builder
		b.WriteString("CASE")
		for i := 0; i+1 < len(e.args); i += 2 {
			fmt.Fprintf(&b, " WHEN %s THEN %s", a(i), a(i+1))
		}
		fmt.Fprintf(&b, " ELSE %s END", a(len(e.args)-1))
		return b.String()
	case "count":
		if len(e.args) == 0 {
			return "count(*)"
		}
	}
	parts := make([]string, len(e.args))
	for i := range e.args {
		parts[i] = a(i)
	}
	return e.op + "(" + strings.Join(parts, ", ") + ")"
}

// outName is the column name an expression produces: its alias, its column,
// or its text.
func (e *expr) outName() string {
	switch e.op {
	case "alias", "col":
		return e.name
	case "cast", "fillnull", "round", "floor", "ceil", "abs", "truncate", "lower", "upper",
		"sum", "mean", "min", "max", "std", "var", "first", "last", "median", "list",
		"countdistinct", "quantile", "map":
		if len(e.args) > 0 && e.args[0].op == "col" {
			if e.op == "cast" || e.op == "fillnull" || e.op == "round" || e.op == "floor" ||
				e.op == "ceil" || e.op == "abs" || e.op == "truncate" || e.op == "lower" ||
				e.op == "upper" || e.op == "map" {
				return e.args[0].name
			}
			return e.args[0].name + "_" + e.op
		}
	case "count":
		if len(e.args) == 0 {
			return "count"
		}
		if e.args[0].op == "col" {
			return e.args[0].name + "_count"
		}
	}
	return e.String()
}

// refs adds the columns an expression reads to set.
func (e *expr) refs(set map[string]bool) {
	if e.op == "col" {
		set[e.name] = true
	}
	for _, a := range e.args {
		a.refs(set)
	}
}

// isAgg reports whether the expression contains an aggregation.
func (e *expr) isAgg() bool {
	if aggOps[e.op] {
		return true
	}
	for _, a := range e.args {
		if a.isAgg() {
			return true
		}
	}
	return false
}

// rename rewrites column references through m.
func (e *expr) rename(m map[string]string) *expr {
	c := *e
	if e.op == "col" {
		if n, ok := m[e.name]; ok {
			c.name = n
		}
	}
	c.args = make([]*expr, len(e.args))
	for i, a := range e.args {
		c.args[i] = a.rename(m)
	}
	return &c
}

// Count counts rows (in a group, with Agg).
func Count() Expr { return Expr{&expr{op: "count"}} }

// Count is the number of non-null values of x.
func (x Expr) Count() Expr { return mk("count", x.e) }

// Sum is the sum of x (0 for no values).
func (x Expr) Sum() Expr { return mk("sum", x.e) }

// Mean is the average of x, skipping nulls.
func (x Expr) Mean() Expr { return mk("mean", x.e) }

// Min is the smallest value of x.
func (x Expr) Min() Expr { return mk("min", x.e) }

// Max is the largest value of x.
func (x Expr) Max() Expr { return mk("max", x.e) }

// Std is the sample standard deviation of x (ddof 1, as pandas and SQL's
// stddev_samp).
func (x Expr) Std() Expr { return mk("std", x.e) }

// Var is the sample variance of x (ddof 1).
func (x Expr) Var() Expr { return mk("var", x.e) }

// First is the first value of x in row order (nulls included).
func (x Expr) First() Expr { return mk("first", x.e) }

// Last is the last value of x in row order (nulls included).
func (x Expr) Last() Expr { return mk("last", x.e) }

// CountDistinct is the number of distinct non-null values of x.
func (x Expr) CountDistinct() Expr { return mk("countdistinct", x.e) }

// Quantile is the q-quantile of x, 0 <= q <= 1, interpolated linearly
// between the closest ranks (pandas' and DuckDB's quantile_cont).
func (x Expr) Quantile(q float64) Expr {
	return Expr{&expr{op: "quantile", num: q, args: []*expr{x.e}}}
}

// Median is the 0.5 quantile of x.
func (x Expr) Median() Expr { return mk("median", x.e) }

// List collects the values of x into a list per group.
func (x Expr) List() Expr { return mk("list", x.e) }

var aggOps = map[string]bool{"count": true, "sum": true, "mean": true, "min": true, "max": true,
	"std": true, "var": true, "first": true, "last": true, "countdistinct": true, "quantile": true,
	"median": true, "list": true}

// jdEpoch is the Julian Date of the Unix epoch; MJD = JD - 2400000.5.
const jdEpoch = 2440587.5

// jdToMicros converts a Julian Date to µs since the epoch, rounded to the
// millisecond: a float64 JD near 2.46e6 is only good to about 40 µs.
func jdToMicros(jd float64) int64 { return int64(math.Round((jd-jdEpoch)*86400e3)) * 1000 }
