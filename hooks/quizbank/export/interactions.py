"""QTI 2.1 items mkdocs-quiz's exporter cannot write: orderInteraction and matchInteraction.

The package is still mkdocs-quiz's: these items take a place in its collection (so its manifest
and assessment list them) and `OwnItems` writes their XML instead of its choice-item XML. Text is
plain, as for every QTI 2.1 item (see export/qti.py), escaped for XML.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from mkdocs_quiz.qti.qti21 import QTI21Exporter  # type: ignore[import-untyped]

from ..ids import text_key
from ..model import Matching, Ordering
from ..selfcheck import build_order
from .text import plain_text, to_html

NS = (
    'xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/imsqti_v2p1.xsd"'
)
MATCH_CORRECT = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"


def _text(markdown_text: str) -> str:
    """Bank Markdown as the plain text every QTI 2.1 item holds, escaped for XML."""
    return xml_escape(plain_text(to_html(markdown_text)), {'"': "&quot;"})


def _item(ident: str, title: str, response: str, body: str, explanation: str) -> str:
    explanation = explanation if explanation.strip() else ""
    feedback = (
        '  <outcomeDeclaration identifier="FEEDBACK" cardinality="single" baseType="identifier"/>\n'
        if explanation
        else ""
    )
    modal = (
        f'  <modalFeedback outcomeIdentifier="FEEDBACK" showHide="show" identifier="general"><div>{_text(explanation)}</div></modalFeedback>\n'
        if explanation
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<assessmentItem {NS} identifier="{ident}" title="{title}" adaptive="false" timeDependent="false">\n'
        f"{response}"
        '  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">'
        "<defaultValue><value>0</value></defaultValue></outcomeDeclaration>\n"
        f"{feedback}"
        f"  <itemBody>\n{body}  </itemBody>\n"
        f'  <responseProcessing template="{MATCH_CORRECT}"/>\n'
        f"{modal}"
        "</assessmentItem>\n"
    )


def ordering_item(bank: str, question: Ordering, ident: str, title: str) -> str:
    """An orderInteraction: the items listed in the site's starting order (never the right one), the right order as the response."""
    ids = {item: f"{ident}--item-{n}" for n, item in enumerate(question.items, 1)}
    response = (
        '  <responseDeclaration identifier="RESPONSE" cardinality="ordered" baseType="identifier">\n'
        "    <correctResponse>" + "".join(f"<value>{ids[i]}</value>" for i in question.items) + "</correctResponse>\n"
        "  </responseDeclaration>\n"
    )
    choices = "".join(
        f'      <simpleChoice identifier="{ids[i]}">{_text(i)}</simpleChoice>\n'
        for i in build_order(bank, question.id, question.items, str)
    )
    body = (
        f'    <div class="question">{_text(question.question)}</div>\n'
        '    <orderInteraction responseIdentifier="RESPONSE" shuffle="true">\n'
        f"{choices}"
        "    </orderInteraction>\n"
    )
    return _item(ident, title, response, body, question.explanation)


def matching_item(bank: str, question: Matching, ident: str, title: str) -> str:
    """A matchInteraction: prompts in one set, every answer (distractors too) in the other; each prompt takes one answer."""
    prompts = {p.prompt: f"{ident}--prompt-{n}" for n, p in enumerate(question.pairs, 1)}
    answers = {a: f"{ident}--answer-{n}" for n, a in enumerate(question.answers, 1)}
    by_key = {text_key(a): answers[a] for a in question.answers}
    pairs = "".join(f"<value>{prompts[p.prompt]} {by_key[text_key(p.answer)]}</value>" for p in question.pairs)
    response = (
        '  <responseDeclaration identifier="RESPONSE" cardinality="multiple" baseType="directedPair">\n'
        f"    <correctResponse>{pairs}</correctResponse>\n"
        "  </responseDeclaration>\n"
    )
    reuse = "0" if question.reuse else "1"  # 0: an answer may take any number of prompts
    source = "".join(
        f'        <simpleAssociableChoice identifier="{prompts[p.prompt]}" matchMax="1">{_text(p.prompt)}</simpleAssociableChoice>\n'
        for p in question.pairs
    )
    target = "".join(
        f'        <simpleAssociableChoice identifier="{answers[a]}" matchMax="{reuse}">{_text(a)}</simpleAssociableChoice>\n'
        for a in build_order(bank, question.id, question.answers, str)
    )
    body = (
        f'    <div class="question">{_text(question.question)}</div>\n'
        f'    <matchInteraction responseIdentifier="RESPONSE" shuffle="true" maxAssociations="{len(question.pairs)}">\n'
        f"      <simpleMatchSet>\n{source}      </simpleMatchSet>\n"
        f"      <simpleMatchSet>\n{target}      </simpleMatchSet>\n"
        "    </matchInteraction>\n"
    )
    return _item(ident, title, response, body, question.explanation)


class OwnItems(QTI21Exporter):
    """mkdocs-quiz's QTI 2.1 exporter, with the XML of some items written here (`own`: identifier → XML).

    `pools`: (section identifier, title, draw, item identifiers): each becomes a section of the
    test that selects `draw` of its items, so an LMS draws the variants as the site does.
    """

    def __init__(
        self, collection: object, own: dict[str, str], pools: list[tuple[str, str, int, list[str]]] | None = None
    ) -> None:
        super().__init__(collection)
        self.own = own
        self.pools = pools or []

    def generate_assessment(self) -> str:
        xml: str = super().generate_assessment()
        sections = []
        for ident, title, draw, items in self.pools:
            for item in items:
                xml = xml.replace(f'<assessmentItemRef identifier="{item}" href="items/{item}.xml"/>\n', "", 1)
            refs = "".join(f'        <assessmentItemRef identifier="{i}" href="items/{i}.xml"/>\n' for i in items)
            sections.append(
                f'      <assessmentSection identifier="{ident}" title="{_text(title)}" visible="true">\n'
                f'        <selection select="{draw}"/>\n{refs}      </assessmentSection>\n'
            )
        return xml.replace("    </assessmentSection>", "".join(sections) + "    </assessmentSection>", 1)

    def generate_items(self) -> dict[str, str]:
        everything = self.collection.quizzes
        self.collection.quizzes = [q for q in everything if q.identifier not in self.own]
        try:
            items: dict[str, str] = super().generate_items()
        finally:
            self.collection.quizzes = everything
        items.update({f"items/{ident}.xml": xml for ident, xml in self.own.items()})
        # The manifest and assessment list items in collection order: so does the zip.
        return {f"items/{q.identifier}.xml": items[f"items/{q.identifier}.xml"] for q in everything}
