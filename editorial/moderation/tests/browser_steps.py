"""Steps of the moderation path as a person does them in the real Wagtail editor (Playwright, sync API).

Each step clicks and types; none posts to a URL directly. Used by ``test_browser_routes.py``.
"""

import re

from playwright.sync_api import expect

from tests.support.live_admin import log_in

__all__ = ["log_in"]


def open_action_menu(page):
    """Open the editor footer's "more actions" drop-up (it holds submit, approve, return, cancel…)."""
    toggle = page.locator("footer .w-dropdown__toggle").first
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def menu_labels(page):
    """Labels of every action offered in the editor footer (the main button first)."""
    open_action_menu(page)
    labels = [page.locator("footer nav button[type=submit]").first.inner_text().strip()]
    for button in page.locator("footer .w-dropdown__content button").all():
        labels.append(button.inner_text().strip())
    return labels


def click_action(page, label, navigates=True):
    """Click the footer action whose label is ``label`` (opening the drop-up if needed).

    ``navigates``: the click submits the editor and loads the next page (wait for it); actions that open a
    dialog (return with a reason, approve with a comment) pass ``False``.
    """
    main = page.locator("footer nav button[type=submit]").first
    if main.inner_text().strip() == label:
        button = main
    else:
        open_action_menu(page)
        candidates = page.locator("footer .w-dropdown__content button").all()
        matching = [b for b in candidates if b.inner_text().strip() == label]
        assert matching, f"no action “{label}” in {[b.inner_text().strip() for b in candidates]}"
        button = matching[0]
    if navigates:
        with page.expect_navigation():
            button.click()
    else:
        button.click()


def add_paragraph(page, text):
    """Add a paragraph block to the body StreamField and type ``text`` in it."""
    page.locator("[data-streamfield-stream-container] button[title], .c-sf-add-button").first.click()
    page.get_by_role("option", name="Đoạn văn").first.click()
    editor = page.locator(".public-DraftEditor-content").last
    editor.wait_for()
    for _attempt in range(3):  # Draftail may still be initialising when it first appears
        editor.click()
        page.keyboard.type(text)
        if text in editor.inner_text():
            # Draftail writes its hidden input after a short debounce: leave the field and let it save.
            page.locator("#id_title").focus()
            page.wait_for_timeout(600)
            return
        page.wait_for_timeout(200)
    expect(editor).to_contain_text(text)


def type_rich_text(page, text):
    """Type into the (last) Draftail rich-text field, e.g. a notice's body."""
    editor = page.locator(".public-DraftEditor-content").last
    editor.wait_for()
    for _attempt in range(3):
        editor.click()
        page.keyboard.type(text)
        if text in editor.inner_text():
            page.locator("#id_title").focus()
            page.wait_for_timeout(600)
            return
        page.wait_for_timeout(200)
    expect(editor).to_contain_text(text)


def submit_for_review(page):
    """Open the footer menu and press "Gửi tới …" (submit for review); wait for the next page."""
    open_action_menu(page)
    with page.expect_navigation():
        page.locator("footer button[name=action-submit]").first.click()
    assert "/edit/" not in page.url and "/add/" not in page.url, form_errors(page)


def write_notice(page, base_url, index_pk, title, text):
    """Add a notice under "Thông báo" (title and body) and submit it for review."""
    page.goto(f"{base_url}/admin/pages/add/notices/noticepage/{index_pk}/")
    page.fill("#id_title", title)
    type_rich_text(page, text)
    submit_for_review(page)


def write_article(page, base_url, section_pk, title, lead, text):
    """Open "add article" in a section, fill title, lead and body, and submit it for review."""
    page.goto(f"{base_url}/admin/pages/add/news/articlepage/{section_pk}/")
    page.fill("#id_title", title)
    page.fill("#id_lead", lead)
    add_paragraph(page, text)
    submit = page.locator("footer button[name=action-submit]").first
    open_action_menu(page)
    with page.expect_navigation():
        submit.click()
    assert "/edit/" not in page.url and "/add/" not in page.url, form_errors(page)


def form_errors(page):
    """The editor's error summary and field errors (to explain a failed save in a test's output)."""
    found = [messages_text(page)]
    found += [e.inner_text() for e in page.locator(".error-message, .help-critical, .w-field__errors").all()]
    return " | ".join(part.strip() for part in found if part.strip())


def open_from_queue(page, base_url, title):
    """From the dashboard's "Chờ tôi duyệt" panel, open the item titled ``title`` in the editor."""
    page.goto(f"{base_url}/admin/")
    page.locator("#cho-toi-duyet-content a", has_text=title).first.click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))


def messages_text(page):
    return page.locator(".messages").inner_text() if page.locator(".messages").count() else ""


def open_editor(page, base_url, page_pk):
    page.goto(f"{base_url}/admin/pages/{page_pk}/edit/")


def action_with_comment(page, label, comment):
    """Click a workflow action that asks for a comment (return with a reason, approve with a note)."""
    click_action(page, label, navigates=False)
    dialog = page.locator(".modal-dialog, [role=dialog]").filter(has=page.locator("textarea")).first
    dialog.locator("textarea").fill(comment)
    with page.expect_navigation():
        dialog.locator("button[type=submit], input[type=submit]").first.click()


def fill_field(page, selector, text):
    page.fill(selector, text)


def publish_now(page):
    """The principal's "Xuất bản" while the item is in moderation: confirm that it ends the workflow."""
    click_action(page, "Xuất bản", navigates=False)
    confirm = page.locator("[data-confirm-cancellation]")
    with page.expect_navigation():
        confirm.click()


def build_and_read(path):
    """Build the public static site now (as the publish signal would) and return one page's HTML."""
    from cms.publishing.builder import build_site
    from cms.publishing.release import current_dir

    build_site(trigger="test: browser route")
    target = current_dir() / path.strip("/") / "index.html"
    return target.read_text(encoding="utf-8") if target.exists() else ""


def choose_in_chooser(page, field_name, label):
    """Open a chooser field (a snippet such as the document's issuer) and pick the row ``label``."""
    field = page.locator(f"[data-field-wrapper]:has(input[name={field_name}])").first
    field.locator("button").filter(has_text=re.compile("Chọn")).first.click()
    page.locator("a[data-chooser-modal-choice]").filter(has_text=label).first.click()
    expect(field).to_contain_text(label)


def write_document(page, base_url, index_pk, data):
    """Add an official document under "Văn bản" (register fields, issuer chooser) and submit it."""
    page.goto(f"{base_url}/admin/pages/add/documents/officialdocumentpage/{index_pk}/")
    page.fill("#id_title", data["title"])
    page.fill("#id_number_symbol", data["number_symbol"])
    page.select_option("#id_doc_type", data["doc_type"])
    page.fill("#id_issue_date", data["issue_date"])
    choose_in_chooser(page, "issuer", data["issuer"])
    page.fill("#id_signer_name", data["signer_name"])
    page.fill("#id_signer_position", data["signer_position"])
    page.fill("#id_summary", data["summary"])
    page.select_option("#id_field", data["field"])
    page.fill("#id_effective_from", data["issue_date"])
    page.keyboard.press("Escape")  # close the date picker
    submit_for_review(page)


def cancel_with_reason(page, label, reason=""):
    """ "Rút bài" / "Huỷ quy trình duyệt": open its dialog, type the optional ``reason``, confirm.

    The button may be the footer's main action or one in the drop-up (it opens a dialog, not a submit).
    """
    button = page.locator("footer nav button", has_text=label).first
    if not button.is_visible():
        open_action_menu(page)
    expect(button).to_be_visible()
    button.click()
    dialog = page.locator("#huy-duyet")
    expect(dialog).to_be_visible()
    if reason:
        dialog.locator("textarea[name=cancel_reason]").fill(reason)
    with page.expect_navigation():
        dialog.locator("button[type=submit][name=action-cancel-workflow]").click()
