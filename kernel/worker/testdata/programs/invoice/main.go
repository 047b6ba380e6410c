// Invoices with embedded structs, value and pointer receivers, a tax
// strategy interface, discounts as funcs, rounding to cents, and JSON out.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

type Money float64

func (m Money) Round() Money { return Money(math.Round(float64(m)*100) / 100) }
func (m Money) String() string {
	return fmt.Sprintf("$%.2f", float64(m))
}

type Party struct {
	Name    string `json:"name"`
	Country string `json:"country"`
}

type Line struct {
	SKU   string `json:"sku"`
	Qty   int    `json:"qty"`
	Price Money  `json:"price"`
}

func (l Line) Total() Money { return Money(float64(l.Qty) * float64(l.Price)) }

type TaxRule interface {
	Rate(country string) float64
}

type flatTax float64

func (f flatTax) Rate(string) float64 { return float64(f) }

type euVAT map[string]float64

func (v euVAT) Rate(c string) float64 {
	if r, ok := v[c]; ok {
		return r
	}
	return 0
}

type Discount func(subtotal Money) Money

func percentOff(p float64) Discount {
	return func(s Money) Money { return Money(float64(s) * p / 100) }
}

func over(min Money, d Discount) Discount {
	return func(s Money) Money {
		if s < min {
			return 0
		}
		return d(s)
	}
}

type Invoice struct {
	Seller, Buyer Party
	Lines         []Line
	Discounts     []Discount `json:"-"`
	tax           TaxRule
}

type Summary struct {
	Party    `json:"buyer"`
	Subtotal Money `json:"subtotal"`
	Discount Money `json:"discount"`
	Tax      Money `json:"tax"`
	Total    Money `json:"total"`
}

func (inv *Invoice) Summarize() Summary {
	var sub Money
	for _, l := range inv.Lines {
		sub += l.Total()
	}
	var disc Money
	for _, d := range inv.Discounts {
		disc += d(sub)
	}
	taxed := sub - disc
	tax := Money(float64(taxed) * inv.tax.Rate(inv.Buyer.Country)).Round()
	return Summary{inv.Buyer, sub.Round(), disc.Round(), tax, (taxed + tax).Round()}
}

func main() {
	lines := []Line{{"bolt", 100, 0.12}, {"gear", 3, 19.99}, {"oil", 1, 7.5}}
	vat := euVAT{"DE": 0.19, "FR": 0.20}
	for _, tc := range []struct {
		buyer Party
		tax   TaxRule
		ds    []Discount
	}{
		{Party{"Acme", "DE"}, vat, nil},
		{Party{"Bistro", "FR"}, vat, []Discount{percentOff(10)}},
		{Party{"Corp", "US"}, flatTax(0.07), []Discount{over(100, percentOff(5)), over(50, percentOff(1))}},
	} {
		inv := &Invoice{Seller: Party{"Us", "DE"}, Buyer: tc.buyer, Lines: lines, Discounts: tc.ds, tax: tc.tax}
		s := inv.Summarize()
		fmt.Printf("%-6s %v %v %v %v\n", s.Name, s.Subtotal, s.Discount, s.Tax, s.Total)
		b, _ := json.Marshal(s)
		fmt.Println(string(b))
	}
	var parts []string
	for _, l := range lines {
		parts = append(parts, fmt.Sprintf("%s:%v", l.SKU, l.Total().Round()))
	}
	fmt.Println(strings.Join(parts, " "), Money(0.005).Round(), []Money{1, 2.5})
}
