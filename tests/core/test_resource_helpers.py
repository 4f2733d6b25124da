from types import SimpleNamespace

from moto_connect_ext.core.resources import parent_members


def test_parent_members_name_the_parents_id_and_arn():
    members = parent_members("DataTable")
    assert list(members) == ["DataTableId", "DataTableArn"]
    child = SimpleNamespace(parent=SimpleNamespace(id="t1", arn="arn:aws:connect:::t1"))
    assert {k: f(child) for k, f in members.items()} == {"DataTableId": "t1", "DataTableArn": "arn:aws:connect:::t1"}
    assert parent_members("X")["XArn"](SimpleNamespace(parent=SimpleNamespace(id="i"))) is None
