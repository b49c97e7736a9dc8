from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from akun.models import Kiriman, Notifikasi, Profil, TokenKalender
from akun.roles import Role

User = get_user_model()


class ProfilFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The user's groups are edited on the same admin page, so they are read from its data.
        chosen_groups = set(self.data.getlist("groups"))
        provinsi_set = any(
            form.cleaned_data.get("provinsi") for form in self.forms if form.cleaned_data
        )
        if str(_bksp_group_id()) in chosen_groups and not provinsi_set:
            raise ValidationError(_("Pengguna BKSP wajib terikat pada satu provinsi."))


def _bksp_group_id():
    from django.contrib.auth.models import Group

    return Group.objects.filter(name=Role.BKSP).values_list("pk", flat=True).first()


class ProfilInline(admin.StackedInline):
    model = Profil
    formset = ProfilFormSet
    can_delete = False
    autocomplete_fields = ["provinsi"]
    verbose_name_plural = _("profil")


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [ProfilInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["groups", "is_active", "is_staff"]


@admin.register(Profil)
class ProfilAdmin(SimpleHistoryAdmin):
    list_display = ["user", "provinsi", "jabatan"]
    list_select_related = ["user", "provinsi"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["provinsi"]


@admin.register(Notifikasi)
class NotifikasiAdmin(admin.ModelAdmin):
    """Reminders are written by the daily task; the admin looks, and may delete, but never adds."""

    list_display = ["tanggal", "user", "jenis", "pesan", "dibaca_pada", "surel_dikirim"]
    list_filter = ["jenis", "tanggal", ("dibaca_pada", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["pesan", "kunci", "user__username", "user__first_name", "user__last_name"]
    date_hierarchy = "tanggal"
    readonly_fields = [f.name for f in Notifikasi._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(TokenKalender)
class TokenKalenderAdmin(admin.ModelAdmin):
    """Who has a calendar feed. The token itself is a credential, so it is never shown; deleting
    the row revokes the feed."""

    list_display = ["user", "dibuat"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    fields = ["user", "dibuat"]
    readonly_fields = ["user", "dibuat"]

    def has_add_permission(self, request):
        return False


@admin.register(Kiriman)
class KirimanAdmin(admin.ModelAdmin):
    """Form submissions recorded by akun.kiriman; refused ones keep their content for review."""

    list_display = ["dibuat", "user", "status", "view", "path", "url"]
    list_filter = ["status", "view"]
    list_select_related = ["user"]
    search_fields = ["kirim_id", "path", "user__username"]
    date_hierarchy = "dibuat"
    readonly_fields = [f.name for f in Kiriman._meta.fields]

    def has_add_permission(self, request):
        return False
