// Regular expressions (find, replace with funcs, named groups, split) and
// text/template with funcs, pipelines, nested templates and range/else.
package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"text/template"
)

type Alert struct {
	ID    string
	Mag   float64
	Bands []string
	Note  string
}

func main() {
	re := regexp.MustCompile(`(?P<survey>ZTF|LSST)(?P<year>\d{2})(?P<id>[a-z]+)`)
	text := "seen ZTF21abc and LSST24xyz, not ZTFxx or ZTF1a"
	fmt.Println(re.FindAllString(text, -1), re.MatchString("ZTF99q"))
	for _, m := range re.FindAllStringSubmatch(text, -1) {
		fmt.Println(m[re.SubexpIndex("survey")], m[re.SubexpIndex("year")], m[re.SubexpIndex("id")])
	}
	fmt.Println(re.ReplaceAllString(text, "<$survey-$id>"))
	fmt.Println(re.ReplaceAllStringFunc(text, strings.ToLower))
	fmt.Println(regexp.MustCompile(`\s*[,;]\s*`).Split("a, b;c ,d", -1))
	idx := re.FindStringIndex(text)
	fmt.Println(idx, text[idx[0]:idx[1]], re.NumSubexp(), re.SubexpNames()[1:])
	_, err := regexp.Compile(`a(b`)
	fmt.Println(err)

	funcs := template.FuncMap{
		"upper":  strings.ToUpper,
		"join":   strings.Join,
		"bright": func(m float64) bool { return m < 18 },
	}
	const tpl = `{{define "alert"}}{{.ID | upper}} m={{printf "%.1f" .Mag}}{{if bright .Mag}} (bright){{end}}{{end}}` +
		`{{range $i, $a := .}}{{$i}}: {{template "alert" $a}} [{{join $a.Bands "/"}}]{{with $a.Note}} note: {{.}}{{end}}
{{else}}no alerts
{{end}}`
	t := template.Must(template.New("list").Funcs(funcs).Parse(tpl))
	alerts := []Alert{{"ztf21abc", 17.2, []string{"g", "r"}, ""}, {"lsst24xyz", 21.05, []string{"i"}, "faint"}}
	if err := t.Execute(os.Stdout, alerts); err != nil {
		fmt.Println(err)
	}
	t.Execute(os.Stdout, []Alert{})
	err = template.Must(template.New("bad").Parse("{{.Missing}}")).Execute(os.Stdout, alerts[0])
	fmt.Println()
	fmt.Println(err != nil)
}
