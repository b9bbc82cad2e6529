"""The checker of German pages (german_pages.py) finds what it is meant to find."""

from lotse.web.tests.german_pages import english_sentences, german_page_problems


def test_an_english_sentence_of_the_catalogue_is_found():
    sentence = sorted(english_sentences())[0]
    assert german_page_problems(f"<main><p>{sentence}</p></main>")


def test_development_references_are_found():
    for text in ("siehe Issue #12", "see docs/ui.md", "in views.py", "TODO: später"):
        assert german_page_problems(f"<p>{text}</p>"), text


def test_markup_and_scripts_are_not_text():
    sentence = sorted(english_sentences())[0]
    assert not german_page_problems(f'<script>"{sentence}"</script><p>Guten Tag</p>')
    assert not german_page_problems('<a href="/docs/x.py">Hilfe</a>')
