/* global window, document */
/* Old web views (Internet Explorer 11 "Trident", Edge Legacy "EdgeHTML"): the pane's bundles need a current
 * browser engine and would leave a blank pane there. This file is plain ES5, loaded (blocking) before them: it marks
 * the page so that the pane does not start, and shows what to do instead, in Chinese and English.
 * Volume-licensed Office through 2019 still uses these web views (see docs/deploy.md). The bundles are ES2020
 * (checked by test/bundle/dist.test.ts); a web view too old for that syntax (Safari before 13.1, Chromium before 80)
 * fails to parse them: that SyntaxError shows the same message. */
(function () {
  var ua = (window.navigator && window.navigator.userAgent) || "";
  var old =
    ua.indexOf("Trident/") !== -1 ||
    ua.indexOf("MSIE ") !== -1 ||
    / Edge\/\d/.test(ua) ||
    typeof window.Promise === "undefined" ||
    typeof window.globalThis === "undefined";
  var html =
    "<div style=\"font-family: 'Microsoft YaHei', 'PingFang SC', sans-serif; padding: 12px; line-height: 1.6\">" +
    '<h1 style="font-size: 18px; margin: 0 0 8px">Scorebook 评审助手无法在此 Office 中运行</h1>' +
    "<p>此版本的 Office 使用旧的网页控件（Internet Explorer、旧版 Edge 或 13.1 以前的 Safari）显示加载项，评审助手需要较新的控件。</p>" +
    "<p>可以这样做：</p><ul>" +
    "<li>升级到 Microsoft 365 或 Office 2021 及以后的版本；零售版 Office 2016/2019 可安装 Microsoft Edge WebView2 运行时" +
    "（批量许可版 Office 2016/2019 始终使用 Internet Explorer 控件）；</li>" +
    "<li>或者不用加载项：秘书处用命令行 <code>scorebook generate</code> 生成评分表（普通 Excel 公式，任何 Excel 都能计算），" +
    "专家照常填写，交回后用 <code>scorebook score</code> 或 <code>scorebook aggregate</code> 核验和汇总。</li></ul>" +
    '<p lang="en" style="color: #555">This Office shows add-ins in an old web view (Internet Explorer, Edge Legacy or Safari before 13.1), ' +
    "which the Scorebook pane cannot run in. Upgrade to Microsoft 365 or Office 2021 or later, install the WebView2 " +
    "Runtime (retail Office 2016/2019; volume-licensed Office 2016/2019 always uses Internet Explorer), or " +
    "use the scoring workbooks without the add-in: scorebook generate writes them with plain Excel formulas.</p>" +
    "</div>";
  function show() {
    var root = document.getElementById("root");
    if (root) root.innerHTML = html;
  }
  if (!old) {
    // A bundle this web view cannot parse: the pane would stay blank.
    if (window.addEventListener)
      window.addEventListener("error", function (e) {
        var syntax = (e && e.error && e.error.name === "SyntaxError") || /SyntaxError/.test((e && e.message) || "");
        if (!syntax || window.scorebookOldWebview) return;
        window.scorebookOldWebview = true;
        show();
      });
    return;
  }
  window.scorebookOldWebview = true;
  if (document.readyState === "loading") {
    if (document.addEventListener) document.addEventListener("DOMContentLoaded", show);
    else window.attachEvent("onload", show);
  } else show();
})();
