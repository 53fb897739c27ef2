// Placeholder of the task pane (the real one comes with its own issue): proves the page, React and the shared
// runtime load. The QA.* functions are registered by functions.js, which this page also loads.
export function App() {
  return (
    <main style={{ fontFamily: "'Microsoft YaHei', 'PingFang SC', sans-serif", padding: "16px" }}>
      <h1 style={{ fontSize: "20px", margin: "0 0 8px" }}>Scorebook 评审助手</h1>
      <p style={{ margin: 0 }}>
        评分函数已加载：在单元格中输入 <code>=QA.</code> 即可使用，如 <code>=QA.ITEMSCORE(60, 45%)</code>。
      </p>
    </main>
  );
}
