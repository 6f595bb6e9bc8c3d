"""The shapes of the API's answers and of what it accepts. Answers are read from instances the
selectors already redacted; nothing here decides what a caller may see."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from candidates.models import Application, Candidate, Decision, Role, Stage
from passionhire.params import parse_id
from passionhire.people import display_name
from passionhire.traits import Trait

TRAITS = [t.value for t in Trait]


@extend_schema_field({"type": "integer", "minimum": 1})
class IdField(serializers.Field):
    """An id as a JSON number or a string of ASCII digits. DRF's IntegerField would read "１２"
    (full-width digits) as 12; an id a person did not type in plain digits is refused."""

    default_error_messages = {"invalid": "Give an id: a whole number."}

    def to_internal_value(self, data):
        value = parse_id(data)
        if value is None:
            self.fail("invalid")
        return value

    def to_representation(self, value):
        return value


class RoleSerializer(serializers.ModelSerializer):
    hiring_manager = serializers.SerializerMethodField()
    weights = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Role
        fields = [
            "id",
            "title",
            "team",
            "location",
            "status",
            "workplace",
            "employment_type",
            "blind_review",
            "published_at",
            "hiring_manager",
            "weights",
            "created_at",
            "url",
        ]

    def get_hiring_manager(self, role) -> str | None:
        return display_name(role.hiring_manager) if role.hiring_manager_id else None

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "integer"}})
    def get_weights(self, role) -> dict:
        return {t.value: w for t, w in role.weights.items()}

    def get_url(self, role) -> str:
        return reverse("api:role", args=[role.pk])


class ShownCandidateSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text="Null under blind review.")
    name = serializers.CharField(help_text="“Candidate #<application id>” under blind review.")
    email = serializers.EmailField(allow_null=True, help_text="Null under blind review.")


class FlagSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    warning = serializers.BooleanField(help_text="A quality flag asks a person to look.")


class ScoresSerializer(serializers.Serializer):
    composite = serializers.FloatField(allow_null=True, source="composite_score")
    confidence = serializers.FloatField(allow_null=True)
    rank_score = serializers.FloatField(allow_null=True)
    traits = serializers.SerializerMethodField()

    @extend_schema_field(
        {
            "type": "object",
            "properties": {t: {"type": "number", "nullable": True} for t in TRAITS},
        }
    )
    def get_traits(self, application) -> dict:
        return {t.value: value for t, value in application.trait_scores.items()}


@extend_schema_field(ScoresSerializer(allow_null=True))
class ScoresField(serializers.Field):
    """The scores, or null while the viewer may not see them. Built as a plain dict: a nested
    serializer made per row cost a third of a 50-row page (its fields deep-copied each time)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, application):
        if application.api_scores_hidden:
            return None
        return {
            "composite": application.composite_score,
            "confidence": application.confidence,
            "rank_score": application.rank_score,
            "traits": {t.value: value for t, value in application.trait_scores.items()},
        }


class ApplicationSerializer(serializers.ModelSerializer):
    role = serializers.IntegerField(source="role_id")
    role_title = serializers.CharField(source="role.title")
    candidate = ShownCandidateSerializer(source="shown_candidate")
    blind = serializers.BooleanField(source="api_blind")
    scores_hidden = serializers.BooleanField(
        source="api_scores_hidden",
        help_text="True while you sit on this candidate's interview and have not recorded it.",
    )
    scores = ScoresField(source="*")
    flags = FlagSerializer(source="shown_flags", many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Application
        fields = [
            "id",
            "role",
            "role_title",
            "candidate",
            "stage",
            "source",
            "language",
            "created_at",
            "stage_changed_at",
            "blind",
            "scores_hidden",
            "scores",
            "flags",
            "url",
        ]

    def get_url(self, application) -> str:
        return reverse("api:application", args=[application.pk])


class EvidenceSerializer(serializers.Serializer):
    trait = serializers.ChoiceField(choices=TRAITS)
    source = serializers.CharField()
    value = serializers.FloatField(help_text="0–100 on the trait.")
    weight = serializers.FloatField()
    raw_value = serializers.FloatField(allow_null=True)
    summary = serializers.CharField()
    author = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()


class CandidateSerializer(serializers.ModelSerializer):
    applications = serializers.SerializerMethodField()
    erased = serializers.SerializerMethodField()

    class Meta:
        model = Candidate
        fields = [
            "id",
            "name",
            "email",
            "phone",
            "source",
            "consent_to_contact",
            "created_at",
            "erased",
            "applications",
        ]

    def get_applications(self, candidate) -> list[int]:
        return [a.pk for a in candidate.applications.all()]

    def get_erased(self, candidate) -> bool:
        return candidate.erased_at is not None


class StageSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    closed = serializers.BooleanField()


# What the API accepts.


class ApplicationCreateSerializer(serializers.Serializer):
    """A person put on a role's pipeline, e.g. by a job board: the candidate is matched by
    email (in any letter case) or created."""

    role = IdField()
    name = serializers.CharField(max_length=150)
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    source = serializers.ChoiceField(choices=Candidate.Source.choices, default="direct")
    consent_to_contact = serializers.BooleanField(default=False)
    consent_source = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class MoveSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Stage.choices)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    seen_stage = serializers.ChoiceField(
        choices=Stage.choices,
        help_text="The stage you believe it is at: if it moved since, nothing changes (409).",
    )


class DecisionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Decision.Kind.choices)
    reason = serializers.CharField(max_length=2000)
    seen_stage = serializers.ChoiceField(choices=Stage.choices)


class DecisionOutSerializer(serializers.ModelSerializer):
    decided_by = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "kind",
            "reason",
            "from_stage",
            "to_stage",
            "decided_by",
            "decided_at",
            "undone_at",
        ]

    def get_decided_by(self, decision) -> str:
        return display_name(decision.decided_by)
