from types import SimpleNamespace

from moto_connect_ext.core.resources import parent_members


def test_parent_members_name_the_parents_id_and_arn():
    members = parent_members("DataTable")
    assert list(members) == ["DataTableId", "DataTableArn"]
    child = SimpleNamespace(parent=SimpleNamespace(id="t1", arn="arn:aws:connect:::t1"))
    assert {k: f(child) for k, f in members.items()} == {"DataTableId": "t1", "DataTableArn": "arn:aws:connect:::t1"}
    assert parent_members("X")["XArn"](SimpleNamespace(parent=SimpleNamespace(id="i"))) is None


def test_a_quota_refuses_the_create_past_its_limit_and_counts_live_resources_only():
    import pytest

    from moto_connect_ext.core.caller import Caller
    from moto_connect_ext.core.resources import Container, ModeledError, Quota, Resources, ResourceType
    from moto_connect_ext.core.tagging import Tags

    limit = {"now": 2}
    rtype = ResourceType(
        kind="gadget",
        service="quota-unit-test",
        soft_delete=True,
        quota=Quota(
            lambda: limit["now"],
            "LimitExceededException",
            "{parent} already has {limit} {noun}s ({count} asked), the most it can have",
            counts=lambda r: not r.attrs.get("Spare"),
        ),
    )
    resources = Resources(Tags())
    caller = Caller("123456789012", "us-east-1", "aws")
    parent = Container()
    parent.id = "p1"
    resources.create(rtype, parent, {"Name": "spare", "Spare": True}, caller)  # not counted
    first = resources.create(rtype, parent, {"Name": "a"}, caller)
    resources.create(rtype, parent, {"Name": "b"}, caller)
    with pytest.raises(ModeledError) as refused:
        resources.create(rtype, parent, {"Name": "c"}, caller)
    assert refused.value.code == "LimitExceededException"
    assert refused.value.message == "p1 already has 2 gadgets (3 asked), the most it can have"
    assert resources.count(rtype, parent) == 3  # the refused create added nothing
    resources.delete(first)  # soft-deleted: no longer counted
    resources.create(rtype, parent, {"Name": "c"}, caller)
    limit["now"] = 3  # read at each create
    resources.create(rtype, parent, {"Name": "d"}, caller)
    with pytest.raises(ModeledError):
        resources.create(rtype, parent, {"Name": "e"}, caller)
