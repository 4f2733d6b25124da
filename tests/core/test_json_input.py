import pytest

from moto_connect_ext.core.json_input import load_json


class Refused(Exception):
    pass


def test_load_json_answers_the_document_of_the_kind_asked():
    assert load_json('{"a": [1]}', dict, Refused, "not JSON", "not an object") == {"a": [1]}
    assert load_json("[1, 2]", list, Refused, "not JSON", "not an array") == [1, 2]


@pytest.mark.parametrize(("text", "message"), [("{", "not JSON"), ("[1]", "not an object"), ("null", "not an object")])
def test_load_json_refuses_in_the_callers_words(text, message):
    with pytest.raises(Refused, match=message) as raised:
        load_json(text, dict, Refused, "not JSON", "not an object")
    assert raised.value.__cause__ is None
    assert raised.value.__context__ is None or raised.value.__suppress_context__
