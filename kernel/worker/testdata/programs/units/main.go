// Typed units with methods and conversions: temperatures, distances and
// durations, an enum of units with String, and a conversion table.
package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

type Celsius float64
type Fahrenheit float64
type Kelvin float64

func (c Celsius) ToF() Fahrenheit { return Fahrenheit(c*9/5 + 32) }
func (c Celsius) ToK() Kelvin     { return Kelvin(c + 273.15) }
func (f Fahrenheit) ToC() Celsius { return Celsius((f - 32) * 5 / 9) }
func (c Celsius) String() string  { return fmt.Sprintf("%.1f°C", float64(c)) }
func (f Fahrenheit) String() string {
	return fmt.Sprintf("%.1f°F", float64(f))
}

type Unit int

const (
	Meter Unit = iota
	Kilometer
	Mile
	Foot
)

var unitNames = []string{"m", "km", "mi", "ft"}
var toMeters = map[Unit]float64{Meter: 1, Kilometer: 1000, Mile: 1609.344, Foot: 0.3048}

func (u Unit) String() string { return unitNames[u] }

type Distance struct {
	V float64
	U Unit
}

func (d Distance) In(u Unit) Distance {
	return Distance{d.V * toMeters[d.U] / toMeters[u], u}
}

func (d Distance) String() string { return fmt.Sprintf("%.3g%v", d.V, d.U) }

type Pace time.Duration

func (p Pace) String() string {
	d := time.Duration(p).Round(time.Second)
	return fmt.Sprintf("%d:%02d/km", int(d.Minutes()), int(d.Seconds())%60)
}

func pace(d Distance, t time.Duration) Pace {
	km := d.In(Kilometer).V
	return Pace(time.Duration(float64(t) / km))
}

func main() {
	temps := []Celsius{-40, 0, 37, 100}
	for _, c := range temps {
		fmt.Println(c, c.ToF(), c.ToK(), c.ToF().ToC() == c)
	}
	fmt.Println(temps, Fahrenheit(451).ToC())
	marathon := Distance{26.2188, Mile}
	fmt.Println(marathon, marathon.In(Kilometer), marathon.In(Foot), []Unit{Mile, Foot})
	fmt.Println(pace(marathon, 3*time.Hour+30*time.Minute), pace(Distance{5, Kilometer}, 25*time.Minute))
	byLen := []Distance{{1, Mile}, {1500, Meter}, {5000, Foot}, {1.2, Kilometer}}
	sort.Slice(byLen, func(i, j int) bool { return byLen[i].In(Meter).V < byLen[j].In(Meter).V })
	var parts []string
	for _, d := range byLen {
		parts = append(parts, d.String())
	}
	fmt.Println(strings.Join(parts, " < "))
	fmt.Printf("%v %s %d %.2f\n", Kilometer, Mile, Foot, math.Round(float64(Celsius(36.66))*10)/10)
	m := map[Unit]Distance{Mile: {1, Mile}, Meter: Distance{1, Mile}.In(Meter)}
	fmt.Println(m)
}
