package quiz

// PresentedQuestion is what the quiz page may show of a question: ids and texts, nothing that
// tells the answer. It has no fields for correct flags, feedback, accepted answers, the numeric
// answer or tolerance, or the explanation, so a template cannot leak them by mistake.
type PresentedQuestion struct {
	ID     string
	Type   string
	Number int // 1, 2, … in the attempt
	Text   string
	Points float64

	// Field is the form field name of single, multiple, truefalse, numeric and text questions.
	Field string
	// Unit is the unit of a numeric answer, shown next to the input ("%", "EUR").
	Unit string

	Options []PresentedOption // single, multiple: as shown

	Items     []PresentedItem // order: as shown; each has a select of Positions
	Positions []int           // order: 1 … len(Items)

	Prompts []PresentedPrompt // match: as shown; each has a select of all Choices
	Choices []PresentedChoice // match: the answers to choose from, as shown
}

// PresentedOption is an option of a single (radio button) or multiple (checkbox) question; the
// form value is ID.
type PresentedOption struct {
	ID   string
	Text string
}

// PresentedItem is an element of an order question. Its select named Field offers Positions.
type PresentedItem struct {
	ID    string
	Text  string
	Field string
}

// PresentedPrompt is a prompt of a match question. Its select named Field offers the Choices.
type PresentedPrompt struct {
	ID    string // the pair id
	Text  string
	Field string
}

// PresentedChoice is an answer a match prompt can be given. ID is opaque (ChoiceID).
type PresentedChoice struct {
	ID   string
	Text string
}

// Present returns the questions of the attempt as the page shows them, in layout order. Questions
// the layout names but the definition lacks are left out.
func (l Layout) Present(d Definition) []PresentedQuestion {
	var out []PresentedQuestion
	for _, lq := range l.Questions {
		q, ok := d.question(lq.ID)
		if !ok {
			continue
		}
		out = append(out, presentQuestion(q, lq, len(out)+1))
	}
	return out
}

func presentQuestion(q Question, lq LayoutQuestion, number int) PresentedQuestion {
	p := PresentedQuestion{
		ID:     q.ID,
		Type:   q.Type,
		Number: number,
		Text:   q.Text,
		Points: q.MaxPoints(),
	}
	if q.Type != TypeOrder && q.Type != TypeMatch {
		p.Field = FieldName(q.ID)
	}
	switch q.Type {
	case TypeSingle, TypeMultiple:
		for _, id := range lq.Order {
			if o, ok := q.option(id); ok {
				p.Options = append(p.Options, PresentedOption{ID: o.ID, Text: o.Text})
			}
		}
	case TypeOrder:
		for _, id := range lq.Order {
			if it, ok := q.item(id); ok {
				p.Items = append(p.Items, PresentedItem{ID: it.ID, Text: it.Text, Field: PartFieldName(q.ID, it.ID)})
				p.Positions = append(p.Positions, len(p.Items))
			}
		}
	case TypeMatch:
		for _, id := range lq.Order {
			if pair, ok := q.pair(id); ok {
				p.Prompts = append(p.Prompts, PresentedPrompt{ID: pair.ID, Text: pair.Prompt, Field: PartFieldName(q.ID, pair.ID)})
			}
		}
		for i, text := range lq.Choices {
			p.Choices = append(p.Choices, PresentedChoice{ID: ChoiceID(i), Text: text})
		}
	case TypeNumeric:
		p.Unit = q.Unit
	}
	return p
}

func (d Definition) question(id string) (Question, bool) {
	for _, q := range d.Questions {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}

func (q Question) option(id string) (Option, bool) {
	for _, o := range q.Options {
		if o.ID == id {
			return o, true
		}
	}
	return Option{}, false
}

func (q Question) item(id string) (Item, bool) {
	for _, it := range q.Items {
		if it.ID == id {
			return it, true
		}
	}
	return Item{}, false
}

func (q Question) pair(id string) (Pair, bool) {
	for _, p := range q.Pairs {
		if p.ID == id {
			return p, true
		}
	}
	return Pair{}, false
}
