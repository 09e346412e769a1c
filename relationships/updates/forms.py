from django import forms

from alignment.forms import DateInput, ModelMultipleChoiceField
from alignment.text import no_control_characters
from leads.models import Segment
from relationships.models import ProductUpdate


class ProductUpdateForm(forms.ModelForm):
    class Meta:
        model = ProductUpdate
        fields = ["title", "body", "effective_date", "segments"]
        field_classes = {"segments": ModelMultipleChoiceField}
        widgets = {
            "body": forms.Textarea({"rows": 8}),
            "effective_date": DateInput(),
            "segments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].validators.append(no_control_characters)
        self.fields["segments"].queryset = Segment.objects.filter(active=True).order_by("name")

    def update_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
